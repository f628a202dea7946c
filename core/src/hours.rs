//! Service hours: check-ins and check-outs paired into visits.
//!
//! The phone shows the hours of a visit on the check-out confirmation and the
//! event's total on the home screen; both come from [`visits`], so that one
//! pairing rule decides every figure a volunteer sees.
//!
//! # Pairing rule
//!
//! One person's records are paired per event and venue, in time order
//! (device time, then record id so that the order is total):
//! - a check-in opens a visit;
//! - the next check-out at the same venue closes it; its hours are the time
//!   between the two;
//! - a second check-in while a visit is open closes the open visit *without*
//!   hours (the volunteer forgot to check out: we do not guess when they
//!   left) and opens a new one;
//! - a check-out with no open visit is a visit without a check-in, without
//!   hours (we do not guess when they arrived);
//! - a check-in not (yet) followed by a check-out is a visit in progress,
//!   without hours until it is closed.
//!
//! One place at a time: a check-in at another venue (or event) while a visit
//! is open ends that visit at the moment of the check-in, with its hours up
//! to then (the person was demonstrably elsewhere from then on, so visits
//! never overlap and no time counts twice). The phone also records that end
//! as a check-out there, so the records say it too.

use crate::checkin::{CheckIn, CheckKind};
use crate::ids::{EventId, VenueId};
use crate::stable_sort::sort_by_key;
use uuid::Uuid;

/// One record's identity and time, as a visit refers to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub id: Uuid,
    pub at_ms: i64,
}

/// A stay at a venue: a check-in and the check-out that closed it, either of
/// which may be missing (see the module's pairing rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub event: EventId,
    pub venue: VenueId,
    pub check_in: Option<Stamp>,
    pub check_out: Option<Stamp>,
    /// True when a later check-in at the same venue closed this visit.
    pub superseded: bool,
    /// The check-in at another venue that ended this visit, when no
    /// check-out did.
    pub ended_elsewhere: Option<Stamp>,
}

impl Visit {
    /// The time served, in milliseconds: zero unless both ends are known.
    pub fn duration_ms(&self) -> i64 {
        match (self.check_in, self.check_out.or(self.ended_elsewhere)) {
            (Some(i), Some(o)) => (o.at_ms - i.at_ms).max(0),
            _ => 0,
        }
    }

    /// A check-in still waiting for its check-out.
    pub fn in_progress(&self) -> bool {
        self.check_in.is_some()
            && self.check_out.is_none()
            && !self.superseded
            && self.ended_elsewhere.is_none()
    }

    /// Whether `id` is one of this visit's two records.
    pub fn has_record(&self, id: Uuid) -> bool {
        self.check_in.map(|s| s.id) == Some(id) || self.check_out.map(|s| s.id) == Some(id)
    }
}

/// Pairs records into visits (see the module's pairing rule), ordered by the
/// time of their first record. Records may come in any order.
pub fn visits<'a>(records: impl IntoIterator<Item = &'a CheckIn>) -> Vec<Visit> {
    let mut sorted: Vec<&CheckIn> = records.into_iter().collect();
    sort_by_key(&mut sorted, |r| (r.device_time_ms, r.id));
    let mut done: Vec<Visit> = Vec::new();
    // One place at a time: at most one visit is open.
    let mut open: Option<Visit> = None;
    for r in sorted {
        let stamp = Stamp {
            id: r.id,
            at_ms: r.device_time_ms,
        };
        match r.kind {
            CheckKind::In => {
                if let Some(mut previous) = open.take() {
                    if previous.event == r.event && previous.venue == r.venue {
                        previous.superseded = true;
                    } else {
                        previous.ended_elsewhere = Some(stamp);
                    }
                    done.push(previous);
                }
                open = Some(Visit {
                    event: r.event,
                    venue: r.venue,
                    check_in: Some(stamp),
                    check_out: None,
                    superseded: false,
                    ended_elsewhere: None,
                });
            }
            CheckKind::Out => {
                let mut visit = match open.take() {
                    Some(v) if v.event == r.event && v.venue == r.venue => v,
                    // A check-out elsewhere leaves the open visit open.
                    other => {
                        open = other;
                        Visit {
                            event: r.event,
                            venue: r.venue,
                            check_in: None,
                            check_out: None,
                            superseded: false,
                            ended_elsewhere: None,
                        }
                    }
                };
                visit.check_out = Some(stamp);
                done.push(visit);
            }
        }
    }
    done.extend(open);
    sort_by_key(&mut done, |v| {
        v.check_in
            .or(v.check_out)
            .map(|s| (s.at_ms, s.id))
            .unwrap_or_default()
    });
    done
}

/// Total time served over `visits`, in milliseconds.
pub fn total_ms(visits: &[Visit]) -> i64 {
    visits.iter().map(Visit::duration_ms).sum()
}

/// Whole hours and remaining whole minutes (rounded down) of a duration, as
/// shown to volunteers ("2 小时 15 分钟").
pub fn hours_minutes(ms: i64) -> (i64, i64) {
    let minutes = ms.max(0) / 60_000;
    (minutes / 60, minutes % 60)
}
