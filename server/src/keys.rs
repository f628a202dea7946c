//! Event signing keys, short codes and display provisioning: the server's half
//! of signed venue codes (docs/venue-code.md).
//!
//! Every event has at least one signing key (made from the OS RNG when the
//! event is created) and a short-code secret, and each of its venues a short
//! code. [`ensure_all`] fills in whatever is missing, so databases created
//! before signed codes existed get them on start-up.

use crate::db::now_ms;
use crate::db::Connection;
use baodao_core::event::dates_validity;
use baodao_core::venue_code::short_code::SHORT_CODE_SPACE;
use baodao_core::venue_code::{
    DisplayCertificate, DisplaySigner, EventKeySet, EventPublicKey, EventSigningKey, KeyId,
    PublicKey, ShortCode, Validity,
};
use baodao_core::{EventId, VenueId};

/// 32 bytes from the operating system's RNG.
pub fn random_seed() -> anyhow::Result<[u8; 32]> {
    let mut seed = [0u8; 32];
    getrandom::getrandom(&mut seed).map_err(|e| anyhow::anyhow!("OS RNG failed: {e}"))?;
    Ok(seed)
}

/// Why a key operation cannot be done (mapped to 4xx answers).
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("unknown event")]
    UnknownEvent,
    #[error("unknown key")]
    UnknownKey,
    #[error("all 256 key ids of this event are used")]
    KeyIdsExhausted,
    #[error("every key of this event is revoked: create a new one first")]
    NoActiveKey,
    #[error("the event's dates do not parse")]
    BadEventDates,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

async fn event_exists(conn: &mut Connection, event: EventId) -> Result<bool, sqlx::Error> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM events WHERE id = $1")
            .bind(i64::from(event.0))
            .fetch_one(&mut *conn)
            .await?
            > 0,
    )
}

/// Adds a new signing key to `event` (the next unused key id) and returns it.
/// Older keys stay valid until revoked.
pub async fn create_key(
    conn: &mut Connection,
    event: EventId,
) -> Result<EventSigningKey, KeyError> {
    if !event_exists(conn, event).await? {
        return Err(KeyError::UnknownEvent);
    }
    let max: Option<i64> =
        sqlx::query_scalar("SELECT MAX(key_id) FROM event_keys WHERE event_id = $1")
            .bind(i64::from(event.0))
            .fetch_one(&mut *conn)
            .await?;
    let next = max.map_or(1, |m| m + 1);
    let id = u8::try_from(next).map_err(|_| KeyError::KeyIdsExhausted)?;
    let key = EventSigningKey::from_seed(event, KeyId(id), &random_seed()?);
    sqlx::query(
        "INSERT INTO event_keys (event_id, key_id, seed, public_key, created_ms) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(i64::from(event.0))
    .bind(i64::from(id))
    .bind(key.seed().to_vec())
    .bind(key.public_key().to_string())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    tracing::info!(event = event.0, key_id = id, "created event signing key");
    Ok(key)
}

/// Marks a key revoked: codes and display certificates it signed are refused
/// from now on (`code_key_revoked`). Revoking twice is harmless.
pub async fn revoke_key(conn: &mut Connection, event: EventId, key: KeyId) -> Result<(), KeyError> {
    if !event_exists(conn, event).await? {
        return Err(KeyError::UnknownEvent);
    }
    let done = sqlx::query(
        "UPDATE event_keys SET revoked = 1, revoked_ms = COALESCE(revoked_ms, $1)
         WHERE event_id = $2 AND key_id = $3",
    )
    .bind(now_ms())
    .bind(i64::from(event.0))
    .bind(i64::from(key.0))
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(KeyError::UnknownKey);
    }
    tracing::warn!(event = event.0, key_id = key.0, "revoked event signing key");
    Ok(())
}

/// The event's public keys (revoked ones listed as such), as the widget
/// caches them and as ingest verifies against.
pub async fn key_set(conn: &mut Connection, event: EventId) -> Result<EventKeySet, KeyError> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT key_id, public_key, revoked FROM event_keys WHERE event_id = $1 ORDER BY key_id",
    )
    .bind(i64::from(event.0))
    .fetch_all(&mut *conn)
    .await?;
    let keys = rows
        .into_iter()
        .map(|(id, pk, revoked)| {
            let public_key: PublicKey = serde_json::from_value(serde_json::Value::String(pk))
                .map_err(|e| anyhow::anyhow!("bad public key in database: {e}"))?;
            Ok(EventPublicKey {
                id: KeyId(u8::try_from(id).map_err(|_| anyhow::anyhow!("bad key id"))?),
                public_key,
                revoked: revoked != 0,
            })
        })
        .collect::<Result<Vec<_>, KeyError>>()?;
    Ok(EventKeySet { event, keys })
}

/// The newest key that is not revoked: the one that signs new posters and
/// display certificates.
pub async fn active_key(
    conn: &mut Connection,
    event: EventId,
) -> Result<EventSigningKey, KeyError> {
    let row: Option<(i64, Vec<u8>)> = sqlx::query_as(
        "SELECT key_id, seed FROM event_keys WHERE event_id = $1 AND revoked = 0
         ORDER BY key_id DESC LIMIT 1",
    )
    .bind(i64::from(event.0))
    .fetch_optional(&mut *conn)
    .await?;
    let (id, seed) = row.ok_or(KeyError::NoActiveKey)?;
    let seed: [u8; 32] = seed
        .try_into()
        .map_err(|_| anyhow::anyhow!("bad seed in database"))?;
    let id = u8::try_from(id).map_err(|_| anyhow::anyhow!("bad key id in database"))?;
    Ok(EventSigningKey::from_seed(event, KeyId(id), &seed))
}

/// The window of the event's dates, widened to cover every time zone
/// ([`dates_validity`]): what posters and display certificates are valid for.
pub async fn event_validity(conn: &mut Connection, event: EventId) -> Result<Validity, KeyError> {
    let (starts, ends): (String, String) =
        sqlx::query_as("SELECT starts_on, ends_on FROM events WHERE id = $1")
            .bind(i64::from(event.0))
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(KeyError::UnknownEvent)?;
    dates_validity(&starts, &ends).ok_or(KeyError::BadEventDates)
}

/// The static code for a venue's poster, signed by the active key, valid for
/// the event's dates.
pub async fn poster_code(
    conn: &mut Connection,
    event: EventId,
    venue: VenueId,
) -> Result<String, KeyError> {
    let validity = event_validity(conn, event).await?;
    let key = active_key(conn, event).await?;
    Ok(key.static_code_string(venue, validity))
}

/// What a venue's display screen receives once: its private seed and the
/// event key's certificate for it.
pub struct DisplayProvision {
    pub seed: [u8; 32],
    pub certificate: DisplayCertificate,
}

/// Makes a display key for `venue` (server-side, from the OS RNG) and
/// certifies it with the active key for the event's dates. Only the public
/// half is recorded.
pub async fn provision_display(
    conn: &mut Connection,
    event: EventId,
    venue: VenueId,
) -> Result<DisplayProvision, KeyError> {
    let validity = event_validity(conn, event).await?;
    let key = active_key(conn, event).await?;
    let seed = random_seed()?;
    let certificate =
        key.certify_display(venue, DisplaySigner::public_key_for_seed(&seed), validity);
    sqlx::query(
        "INSERT INTO display_keys (event_id, venue_id, key_id, display_key, valid_from, valid_until, created_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(i64::from(event.0))
    .bind(i64::from(venue.0))
    .bind(i64::from(key.id.0))
    .bind(certificate.display_key.to_string())
    .bind(i64::from(validity.from))
    .bind(i64::from(validity.until))
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    Ok(DisplayProvision { seed, certificate })
}

/// Gives `event` what signed codes need if it lacks it: a first signing key,
/// a short-code secret, and a short code for every venue. Call it after
/// creating an event or adding venues.
pub async fn ensure_event_material(conn: &mut Connection, event: EventId) -> Result<(), KeyError> {
    let keys: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM event_keys WHERE event_id = $1")
        .bind(i64::from(event.0))
        .fetch_one(&mut *conn)
        .await?;
    if keys == 0 {
        create_key(conn, event).await?;
    }
    let secret: Option<Vec<u8>> =
        sqlx::query_scalar("SELECT short_code_secret FROM event_secrets WHERE event_id = $1")
            .bind(i64::from(event.0))
            .fetch_optional(&mut *conn)
            .await?;
    let secret: [u8; 32] = match secret {
        Some(s) => s
            .try_into()
            .map_err(|_| anyhow::anyhow!("bad short-code secret in database"))?,
        None => {
            let s = random_seed()?;
            sqlx::query("INSERT INTO event_secrets (event_id, short_code_secret) VALUES ($1, $2)")
                .bind(i64::from(event.0))
                .bind(s.to_vec())
                .execute(&mut *conn)
                .await?;
            s
        }
    };
    let missing: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM venues WHERE event_id = $1 AND short_code IS NULL ORDER BY id",
    )
    .bind(i64::from(event.0))
    .fetch_all(&mut *conn)
    .await?;
    for venue in missing {
        let mut code = ShortCode::derive(&secret, event, VenueId(venue as u32));
        // Two venues of an event must not share a code (chance ≈ n²/5.5e10):
        // on a collision, assign a random one instead.
        loop {
            let taken: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM venues WHERE event_id = $1 AND short_code = $2",
            )
            .bind(i64::from(event.0))
            .bind(code.as_str())
            .fetch_one(&mut *conn)
            .await?;
            if taken == 0 {
                break;
            }
            let r = random_seed()?;
            let n = u64::from_be_bytes(r[..8].try_into().expect("8 bytes")) % SHORT_CODE_SPACE;
            code = ShortCode::from_number(n).expect("reduced into range");
        }
        sqlx::query("UPDATE venues SET short_code = $1 WHERE id = $2")
            .bind(code.as_str())
            .bind(venue)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// [`ensure_event_material`] for every event.
pub async fn ensure_all(pool: &crate::db::Pool) -> Result<(), KeyError> {
    let mut tx = crate::db::begin_write(pool).await?;
    let events: Vec<i64> = sqlx::query_scalar("SELECT id FROM events ORDER BY id")
        .fetch_all(&mut *tx)
        .await?;
    for e in events {
        ensure_event_material(&mut tx, EventId(e as u32)).await?;
    }
    tx.commit().await?;
    Ok(())
}
