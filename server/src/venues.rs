//! An event's venues as stored: what the organiser's form and the CSV import
//! ([`crate::csv_import`]) both write and check, in one place.

use crate::db::Connection;
use baodao_core::EventId;

/// Adds a venue to `event`; its id. The caller gives it a short code
/// ([`crate::keys::ensure_event_material`]) before committing.
pub async fn insert(
    conn: &mut Connection,
    event: EventId,
    parent: Option<i64>,
    name: &str,
    closes_at: Option<&str>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO venues (event_id, parent_id, name, closes_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(i64::from(event.0))
    .bind(parent)
    .bind(name)
    .bind(closes_at)
    .fetch_one(&mut *conn)
    .await
}

/// A closing time: `HH:MM`, 00:00–23:59.
pub fn valid_closes_at(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && s[..2]
            .parse::<u8>()
            .is_ok_and(|h| h < 24 && b[0].is_ascii_digit() && b[1].is_ascii_digit())
        && s[3..]
            .parse::<u8>()
            .is_ok_and(|m| m < 60 && b[3].is_ascii_digit() && b[4].is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::valid_closes_at;

    #[test]
    fn closing_times() {
        for ok in ["00:00", "17:30", "23:59"] {
            assert!(valid_closes_at(ok), "{ok}");
        }
        for bad in ["24:00", "7:30", "17:60", "1730", "ab:cd", "+1:30"] {
            assert!(!valid_closes_at(bad), "{bad}");
        }
    }
}
