//! The volunteer's service hours as the phone shows them: the records on
//! this phone paired into visits by [`baodao_core::hours`]. Records the
//! server refused do not count; pending and flagged ones do (they are the
//! volunteer's own account until a lead says otherwise).

use crate::i18n::Lang;
use crate::outbox::{Delivery, OutboxRecord};
use baodao_core::hours::{self, Visit};
use baodao_core::EventId;

/// Visits made from the records that count.
pub fn visits(records: &[OutboxRecord]) -> Vec<Visit> {
    hours::visits(
        records
            .iter()
            .filter(|r| !matches!(r.delivery, Delivery::Rejected(_)))
            .map(|r| &r.checkin),
    )
}

/// Total hours per event, in order of first visit.
pub fn totals(records: &[OutboxRecord]) -> Vec<(EventId, i64)> {
    let mut totals: Vec<(EventId, i64)> = Vec::new();
    for v in visits(records) {
        match totals.iter_mut().find(|(e, _)| *e == v.event) {
            Some((_, ms)) => *ms += v.duration_ms(),
            None => totals.push((v.event, v.duration_ms())),
        }
    }
    totals
}

/// "2 小时 15 分钟" / "2 h 15 min".
pub fn format_duration(ms: i64, lang: Lang) -> String {
    let (h, m) = hours::hours_minutes(ms);
    lang.format(
        "hours-duration",
        &[("hours", &h.to_string()), ("minutes", &m.to_string())],
    )
}
