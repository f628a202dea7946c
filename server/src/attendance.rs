//! Who is where: an event's stored records turned into people, their visits
//! per venue and their hours — what the dashboard, the lead's roster, the
//! hours export and the automatic check-out all count from.
//!
//! For a lead's roster and the check-outs it makes, a person is a (name,
//! mobile) pair: the mobile alone is shared by some families (an elderly
//! volunteer registered with a child's number). The organiser's counts and
//! exports take one person per mobile number ([`people_by_mobile`]), so that
//! someone entered twice (on their phone, then by a lead with another
//! spelling or organisation) is counted and paid hours once. Visits
//! and hours come from [`baodao_core::hours::visits`], the one pairing rule
//! the volunteer's phone shows too. Records a lead rejected count nowhere.

use crate::db::Connection;
use baodao_core::event::Proof;
use baodao_core::hours::{visits, Visit};
use baodao_core::volunteer::normalise_mobile;
use baodao_core::{CheckIn, CheckKind, EventId, VenueId, Volunteer};
use std::collections::BTreeMap;
use uuid::Uuid;

/// One stored record, as attendance reads it.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: Uuid,
    pub venue: VenueId,
    pub kind: CheckKind,
    pub device_time_ms: i64,
    pub received_ms: i64,
    pub name: String,
    pub mobile: String,
    pub organisation: String,
    pub origin: String,
    pub flag: Option<String>,
    pub review: Option<String>,
    pub proof: Option<Proof>,
}

/// A `checkins` row as [`RECORD_COLUMNS`] selects it.
#[derive(sqlx::FromRow)]
pub struct RecordRow {
    id: String,
    venue_id: i64,
    kind: String,
    device_time_ms: i64,
    received_ms: i64,
    name: String,
    mobile: String,
    organisation: String,
    origin: String,
    flag: Option<String>,
    review: Option<String>,
    proof: Option<String>,
}

impl TryFrom<RecordRow> for Record {
    type Error = anyhow::Error;
    fn try_from(r: RecordRow) -> anyhow::Result<Record> {
        Ok(Record {
            id: r.id.parse()?,
            venue: VenueId(u32::try_from(r.venue_id)?),
            kind: CheckKind::parse(&r.kind).ok_or_else(|| anyhow::anyhow!("bad kind"))?,
            device_time_ms: r.device_time_ms,
            received_ms: r.received_ms,
            name: r.name,
            mobile: r.mobile,
            organisation: r.organisation,
            origin: r.origin,
            flag: r.flag,
            review: r.review,
            proof: r.proof.as_deref().and_then(Proof::parse),
        })
    }
}

pub const RECORD_COLUMNS: &str = "id, venue_id, kind, device_time_ms, received_ms, name, mobile, \
     organisation, origin, flag, review, proof";

/// Every record of `event` (or of one venue), in time order, rejected ones
/// included (the export lists them).
pub async fn records(
    conn: &mut Connection,
    event: EventId,
    venue: Option<VenueId>,
) -> anyhow::Result<Vec<Record>> {
    let rows: Vec<RecordRow> = sqlx::query_as(&format!(
        "SELECT {RECORD_COLUMNS} FROM checkins
         WHERE event_id = $1 AND ($2 IS NULL OR venue_id = $3)
         ORDER BY device_time_ms, id"
    ))
    .bind(i64::from(event.0))
    .bind(venue.map(|v| i64::from(v.0)))
    .bind(venue.map(|v| i64::from(v.0)))
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(Record::try_from).collect()
}

/// A person's records at one venue, paired.
#[derive(Debug, Clone)]
pub struct Stay {
    pub venue: VenueId,
    pub visits: Vec<Visit>,
    /// Records there, time order (rejected ones left out).
    pub records: Vec<Record>,
}

impl Stay {
    /// Checked in there and not (yet) out.
    pub fn present(&self) -> bool {
        self.visits.last().is_some_and(Visit::in_progress)
    }
    pub fn checked_in(&self) -> bool {
        self.records.iter().any(|r| r.kind == CheckKind::In)
    }
    pub fn hours_ms(&self) -> i64 {
        baodao_core::hours::total_ms(&self.visits)
    }
    pub fn first_in_ms(&self) -> Option<i64> {
        self.records
            .iter()
            .find(|r| r.kind == CheckKind::In)
            .map(|r| r.device_time_ms)
    }
    pub fn last(&self) -> &Record {
        self.records.last().expect("a stay has records")
    }
    /// A record there still waiting for a lead's review.
    /// How their latest check-in here was proven.
    pub fn proof(&self) -> Option<Proof> {
        self.records
            .iter()
            .rev()
            .find(|r| r.kind == CheckKind::In)
            .and_then(|r| r.proof)
    }

    pub fn flagged(&self) -> bool {
        self.records
            .iter()
            .any(|r| r.flag.is_some() && r.review.is_none())
    }
}

/// One person and their stays, by venue.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub mobile: String,
    pub stays: BTreeMap<VenueId, Stay>,
}

impl Person {
    /// Their latest record anywhere.
    pub fn latest(&self) -> Option<&Record> {
        self.stays
            .values()
            .map(Stay::last)
            .max_by_key(|r| (r.device_time_ms, r.id))
    }
    /// The organisation of their latest record.
    pub fn organisation(&self) -> &str {
        self.latest().map_or("", |r| r.organisation.as_str())
    }
    pub fn present_anywhere(&self) -> bool {
        self.stays.values().any(Stay::present)
    }
    pub fn checked_in(&self) -> bool {
        self.stays.values().any(Stay::checked_in)
    }
    pub fn hours_ms(&self) -> i64 {
        self.stays.values().map(Stay::hours_ms).sum()
    }
}

/// Groups records (any order) into people, one per (name, mobile);
/// rejected records are left out.
pub fn people(records: &[Record], event: EventId) -> Vec<Person> {
    group(records, event, |r| (r.name.clone(), r.mobile.clone()))
}

/// Groups records into people as the organiser counts them: one per mobile
/// number, normalised as the phone does ([`normalise_mobile`]), named as in
/// their latest record. Their records are paired together, so a check-in
/// under one spelling is closed by a check-out under another.
pub fn people_by_mobile(records: &[Record], event: EventId) -> Vec<Person> {
    let mut people = group(records, event, |r| {
        (String::new(), normalise_mobile(&r.mobile))
    });
    for p in &mut people {
        if let Some(name) = p.latest().map(|r| r.name.clone()) {
            p.name = name;
        }
    }
    people
}

/// Groups records by `key` (name, mobile), rejected ones left out.
fn group(
    records: &[Record],
    event: EventId,
    key: impl Fn(&Record) -> (String, String),
) -> Vec<Person> {
    let mut by_person: BTreeMap<(String, String), BTreeMap<VenueId, Vec<&Record>>> =
        BTreeMap::new();
    for r in records
        .iter()
        .filter(|r| r.review.as_deref() != Some("rejected"))
    {
        by_person
            .entry(key(r))
            .or_default()
            .entry(r.venue)
            .or_default()
            .push(r);
    }
    by_person
        .into_iter()
        .map(|((name, mobile), venues)| Person {
            name,
            mobile,
            stays: venues
                .into_iter()
                .map(|(venue, mut recs)| {
                    recs.sort_by_key(|r| (r.device_time_ms, r.id));
                    let as_checkins: Vec<CheckIn> =
                        recs.iter().map(|r| as_checkin(r, event)).collect();
                    (
                        venue,
                        Stay {
                            venue,
                            visits: visits(&as_checkins),
                            records: recs.into_iter().cloned().collect(),
                        },
                    )
                })
                .collect(),
        })
        .collect()
}

/// The shape `core::hours` pairs (the code is not needed for pairing).
fn as_checkin(r: &Record, event: EventId) -> CheckIn {
    CheckIn {
        id: r.id,
        event,
        venue: r.venue,
        kind: r.kind,
        code: String::new(),
        device_time_ms: r.device_time_ms,
        volunteer: Volunteer {
            name: r.name.clone(),
            mobile: r.mobile.clone(),
            organisation: r.organisation.clone(),
        },
    }
}

/// Hours with two decimals, as the exports and rosters show them.
pub fn hours(ms: i64) -> f64 {
    (ms as f64 / 36_000.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(venue: u32, kind: CheckKind, t: i64, name: &str) -> Record {
        Record {
            id: Uuid::from_u128(t as u128 * 10 + u128::from(venue)),
            venue: VenueId(venue),
            kind,
            device_time_ms: t,
            received_ms: t,
            name: name.into(),
            mobile: "13800138000".into(),
            organisation: format!("org{t}"),
            origin: "device".into(),
            flag: None,
            review: None,
            proof: Some(Proof::Poster),
        }
    }

    #[test]
    fn people_are_present_where_their_last_visit_is_open() {
        let h = 3_600_000;
        let mut rs = vec![
            rec(1, CheckKind::In, 0, "甲"),
            rec(1, CheckKind::Out, 2 * h, "甲"),
            rec(2, CheckKind::In, 3 * h, "甲"),
            rec(1, CheckKind::In, h, "乙"),
        ];
        let mut rejected = rec(1, CheckKind::Out, 2 * h, "乙");
        rejected.review = Some("rejected".into());
        rs.push(rejected);
        let ps = people(&rs, EventId(1));
        assert_eq!(ps.len(), 2);
        let jia = ps.iter().find(|p| p.name == "甲").unwrap();
        assert!(!jia.stays[&VenueId(1)].present());
        assert!(jia.stays[&VenueId(2)].present());
        assert_eq!(jia.hours_ms(), 2 * h);
        assert_eq!(jia.organisation(), format!("org{}", 3 * h));
        let yi = ps.iter().find(|p| p.name == "乙").unwrap();
        assert!(yi.present_anywhere(), "a rejected check-out does not count");
        assert_eq!(hours(5_400_000), 1.5);
    }

    #[test]
    fn one_mobile_number_is_one_person_for_the_organiser() {
        let h = 3_600_000;
        let mut by_lead = rec(1, CheckKind::Out, 2 * h, "王 芳");
        by_lead.mobile = "138 0013 8000".into();
        let rs = vec![rec(1, CheckKind::In, 0, "王芳"), by_lead];
        assert_eq!(people(&rs, EventId(1)).len(), 2);
        let ps = people_by_mobile(&rs, EventId(1));
        assert_eq!(ps.len(), 1);
        assert_eq!(
            (ps[0].name.as_str(), ps[0].mobile.as_str()),
            ("王 芳", "13800138000")
        );
        assert!(!ps[0].present_anywhere(), "the check-out closes the visit");
        assert_eq!(ps[0].hours_ms(), 2 * h);
    }
}
