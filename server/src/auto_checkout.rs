//! Check-outs the server makes itself: a lead's "check out
//! everyone", and the automatic check-out at a venue's closing time, because
//! people forget to check out.
//!
//! The automatic one runs on every replica each minute. Its record's id is
//! derived from the check-in it closes, so replicas racing each other (or a
//! sweep repeated after a crash) store it once: `ON CONFLICT (id) DO NOTHING`.

use crate::attendance;
use crate::db::Connection;
use crate::db::{now_ms, Pool};
use baodao_core::{CheckKind, EventId, VenueId};
use sha2::{Digest, Sha256};
use std::time::Duration;
use uuid::Uuid;

/// How often each replica looks for venues past their closing time.
pub const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// A check-out the server stores on someone's behalf.
pub struct CheckOut<'a> {
    pub id: Uuid,
    pub event: EventId,
    pub venue: VenueId,
    pub at_ms: i64,
    pub name: &'a str,
    pub mobile: &'a str,
    pub organisation: &'a str,
    /// `lead_all` or `auto`.
    pub origin: &'static str,
    /// The transaction's [`crate::db::write_clock_ms`], taken once for all
    /// its check-outs.
    pub received_ms: i64,
}

/// Stores `c` unless a record with its id exists; whether it was stored.
/// `conn` is a transaction from [`crate::db::begin_write`].
pub async fn insert_checkout(conn: &mut Connection, c: CheckOut<'_>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO checkins (id, event_id, venue_id, kind, code, device_time_ms, checked_ms,
                               received_ms, name, mobile, organisation, flag, device_id, origin, proof)
         VALUES ($1, $2, $3, 'out', $4, $5, $6, $7, $8, $9, $10, NULL, NULL, $11, 'lead')
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(c.id.to_string())
    .bind(i64::from(c.event.0))
    .bind(i64::from(c.venue.0))
    // Not a scanned code: says who made the record.
    .bind(c.origin)
    .bind(c.at_ms)
    // The server's own time: nothing to correct (checked_ms, migration 0005).
    .bind(c.at_ms)
    .bind(c.received_ms)
    .bind(c.name)
    .bind(c.mobile)
    .bind(c.organisation)
    .bind(c.origin)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The automatic check-out's id for the check-in `check_in`: the same on
/// every replica.
pub fn auto_checkout_id(check_in: Uuid) -> Uuid {
    let digest = Sha256::digest(format!("baodao auto check-out {check_in}").as_bytes());
    let bytes: [u8; 16] = digest[..16].try_into().expect("16 bytes");
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// The first closing time (`HH:MM` in `zone`) after `after_ms`.
pub fn next_closing_ms(after_ms: i64, closes_at: &str, zone: &str) -> Option<i64> {
    let tz = jiff::tz::TimeZone::get(zone).ok()?;
    let (h, m) = closes_at.split_once(':')?;
    let time = jiff::civil::Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()?;
    let local_day = jiff::Timestamp::from_millisecond(after_ms)
        .ok()?
        .to_zoned(tz.clone())
        .date();
    for day in [local_day, local_day.tomorrow().ok()?] {
        let closing = day.to_datetime(time).to_zoned(tz.clone()).ok()?;
        let ms = closing.timestamp().as_millisecond();
        if ms > after_ms {
            return Some(ms);
        }
    }
    None
}

/// The closing time (`HH:MM` in `zone`) on the local day of `at_ms`,
/// whether it has passed or not.
pub fn closing_today_ms(at_ms: i64, closes_at: &str, zone: &str) -> Option<i64> {
    let tz = jiff::tz::TimeZone::get(zone).ok()?;
    let (h, m) = closes_at.split_once(':')?;
    let time = jiff::civil::Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()?;
    let day = jiff::Timestamp::from_millisecond(at_ms)
        .ok()?
        .to_zoned(tz.clone())
        .date();
    let closing = day.to_datetime(time).to_zoned(tz).ok()?;
    Some(closing.timestamp().as_millisecond())
}

/// Checks out everyone still present at a venue whose closing time has
/// passed since they checked in. Returns how many records were stored.
pub async fn sweep(pool: &Pool, now: i64) -> anyhow::Result<usize> {
    let venues: Vec<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT v.id, v.event_id, v.closes_at, e.time_zone FROM venues v
         JOIN events e ON e.id = v.event_id WHERE v.closes_at IS NOT NULL",
    )
    .fetch_all(pool)
    .await?;
    let mut stored = 0;
    for (venue, event, closes_at, zone) in venues {
        let (venue, event) = (VenueId(venue as u32), EventId(event as u32));
        let mut tx = crate::db::begin_write(pool).await?;
        let records = attendance::records(&mut tx, event, Some(venue)).await?;
        let received_ms = crate::db::write_clock_ms(&mut tx).await?;
        for person in attendance::people(&records, event) {
            let Some(stay) = person.stays.get(&venue).filter(|s| s.present()) else {
                continue;
            };
            let Some(check_in) = stay.records.iter().rev().find(|r| r.kind == CheckKind::In) else {
                continue;
            };
            let Some(closing) = next_closing_ms(check_in.device_time_ms, &closes_at, &zone) else {
                continue;
            };
            if closing > now {
                continue;
            }
            let c = CheckOut {
                id: auto_checkout_id(check_in.id),
                event,
                venue,
                at_ms: closing,
                name: &person.name,
                mobile: &person.mobile,
                organisation: &check_in.organisation,
                origin: "auto",
                received_ms,
            };
            if insert_checkout(&mut tx, c).await? {
                stored += 1;
            }
        }
        tx.commit().await?;
    }
    if stored > 0 {
        tracing::info!(stored, "automatic check-outs at closing time");
    }
    Ok(stored)
}

/// Runs [`sweep`] every [`SWEEP_EVERY`] until the returned task is dropped
/// with the runtime.
pub fn spawn_periodic(pool: Pool) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(SWEEP_EVERY);
        loop {
            tick.tick().await;
            if let Err(e) = sweep(&pool, now_ms()).await {
                tracing::error!(error = %e, "automatic check-out sweep failed");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_time_is_local_and_the_next_one_after_check_in() {
        // 2026-12-05 09:00 in Shanghai = 01:00 UTC.
        let nine = 1_796_432_400_000;
        let five_pm = next_closing_ms(nine, "17:00", "Asia/Shanghai").unwrap();
        assert_eq!(five_pm - nine, 8 * 3_600_000);
        // Checked in after closing: the next day's closing.
        let next = next_closing_ms(five_pm + 60_000, "17:00", "Asia/Shanghai").unwrap();
        assert_eq!(next - five_pm, 24 * 3_600_000);
        assert_eq!(next_closing_ms(nine, "17:00", "Mars/Base"), None);
        assert_eq!(auto_checkout_id(Uuid::nil()), auto_checkout_id(Uuid::nil()));
        assert_ne!(auto_checkout_id(Uuid::nil()), auto_checkout_id(Uuid::max()));
    }
}
