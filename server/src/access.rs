//! Roles and access: organisers, venue leads and volunteers'
//! devices, and the links and sessions that make them.
//!
//! Everything is in the database, nothing in memory: any replica can check
//! any token. Only hashes of tokens are stored ([`crate::tokens`]).

use crate::db::Connection;
use crate::db::{now_ms, Pool};
use crate::tokens::{self, TokenKind};
use baodao_core::invites::Invite;
use baodao_core::{EventId, VenueId};

/// How long a setup link printed by the server may be redeemed.
pub const SETUP_LINK_MS: i64 = 24 * 3600 * 1000;
/// How long an organiser stays logged in on a device.
pub const ORGANISER_SESSION_MS: i64 = 30 * 24 * 3600 * 1000;

/// Who is calling, as proven by a valid token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    Organiser {
        id: i64,
        session_hash: String,
        expires_ms: i64,
    },
    Lead {
        invite: i64,
        event: EventId,
        venues: Vec<VenueId>,
        session_hash: String,
        expires_ms: i64,
    },
    Device {
        id: i64,
    },
}

impl Caller {
    /// Whether this caller may act as the lead of `venue`.
    pub fn leads(&self, venue: VenueId) -> bool {
        match self {
            Caller::Organiser { .. } => true,
            Caller::Lead { venues, .. } => venues.contains(&venue),
            Caller::Device { .. } => false,
        }
    }

    pub fn is_organiser(&self) -> bool {
        matches!(self, Caller::Organiser { .. })
    }
}

/// What a presented token turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Authentication {
    Valid(Caller),
    /// Not one of ours (or a link, which is not a credential).
    Unknown,
    Expired,
    Revoked,
}

/// Checks a bearer token against the database.
pub async fn authenticate(pool: &Pool, token: &str) -> Result<Authentication, sqlx::Error> {
    if !tokens::well_formed(token) {
        return Ok(Authentication::Unknown);
    }
    let hash = tokens::hash(token);
    let now = now_ms();
    match TokenKind::of(token) {
        Some(TokenKind::OrganiserSession) => {
            let row: Option<(String, Option<i64>, i64, Option<i64>)> = sqlx::query_as(
                "SELECT token_hash, organiser_id, expires_ms, revoked_ms FROM sessions
                 WHERE token_hash = $1 AND role = 'organiser'",
            )
            .bind(&hash)
            .fetch_optional(pool)
            .await?;
            Ok(match row {
                Some((stored, _, _, _)) if !tokens::matches(token, &stored) => {
                    Authentication::Unknown
                }
                None | Some((_, None, _, _)) => Authentication::Unknown,
                Some((_, _, _, Some(_))) => Authentication::Revoked,
                Some((_, _, expires, None)) if expires <= now => Authentication::Expired,
                Some((stored, Some(id), expires_ms, None)) => {
                    Authentication::Valid(Caller::Organiser {
                        id,
                        session_hash: stored,
                        expires_ms,
                    })
                }
            })
        }
        Some(TokenKind::LeadSession) => {
            #[derive(sqlx::FromRow)]
            struct Row {
                token_hash: String,
                invite_id: i64,
                expires_ms: i64,
                revoked_ms: Option<i64>,
                event_id: i64,
                invite_expires_ms: i64,
                invite_revoked_ms: Option<i64>,
            }
            let row: Option<Row> = sqlx::query_as(
                "SELECT s.token_hash, s.invite_id, s.expires_ms, s.revoked_ms, i.event_id,
                        i.expires_ms AS invite_expires_ms, i.revoked_ms AS invite_revoked_ms
                 FROM sessions s JOIN lead_invites i ON i.id = s.invite_id
                 WHERE s.token_hash = $1 AND s.role = 'lead'",
            )
            .bind(&hash)
            .fetch_optional(pool)
            .await?;
            let Some(row) = row.filter(|r| tokens::matches(token, &r.token_hash)) else {
                return Ok(Authentication::Unknown);
            };
            if row.revoked_ms.is_some() || row.invite_revoked_ms.is_some() {
                return Ok(Authentication::Revoked);
            }
            let expires_ms = row.expires_ms.min(row.invite_expires_ms);
            if expires_ms <= now {
                return Ok(Authentication::Expired);
            }
            let venues: Vec<i64> = sqlx::query_scalar(
                "SELECT venue_id FROM lead_invite_venues WHERE invite_id = $1 ORDER BY venue_id",
            )
            .bind(row.invite_id)
            .fetch_all(pool)
            .await?;
            Ok(Authentication::Valid(Caller::Lead {
                invite: row.invite_id,
                event: EventId(row.event_id as u32),
                venues: venues.into_iter().map(|v| VenueId(v as u32)).collect(),
                session_hash: row.token_hash,
                expires_ms,
            }))
        }
        Some(TokenKind::Device) => {
            let row: Option<(i64, String)> =
                sqlx::query_as("SELECT id, token_hash FROM devices WHERE token_hash = $1")
                    .bind(&hash)
                    .fetch_optional(pool)
                    .await?;
            Ok(match row {
                Some((id, stored)) if tokens::matches(token, &stored) => {
                    Authentication::Valid(Caller::Device { id })
                }
                _ => Authentication::Unknown,
            })
        }
        _ => Ok(Authentication::Unknown),
    }
}

/// Whether anyone can manage events yet.
pub async fn organiser_exists(pool: &Pool) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisers")
        .fetch_one(pool)
        .await?;
    Ok(n > 0)
}

/// A new one-time organiser setup link secret (`bs_…`), valid 24 h.
pub async fn create_setup_link(pool: &Pool) -> anyhow::Result<(String, i64)> {
    let (token, hash) = tokens::generate(TokenKind::SetupLink)?;
    let now = now_ms();
    let expires = now + SETUP_LINK_MS;
    sqlx::query("INSERT INTO setup_links (token_hash, created_ms, expires_ms) VALUES ($1, $2, $3)")
        .bind(hash)
        .bind(now)
        .bind(expires)
        .execute(pool.write())
        .await?;
    Ok((token, expires))
}

/// Why a link cannot be redeemed.
#[derive(Debug, thiserror::Error)]
pub enum RedeemError {
    #[error("this link is unknown, used, expired or revoked: ask the organiser for a new one")]
    LinkInvalid,
    #[error("a name is needed to create an organiser")]
    NameEmpty,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// A new session, as answered once to the device that redeemed a link.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub expires_ms: i64,
}

/// Redeems a setup link (making an organiser) or a lead invite for a session.
pub async fn redeem(pool: &Pool, link: &str, name: &str) -> Result<NewSession, RedeemError> {
    if !tokens::well_formed(link) {
        return Err(RedeemError::LinkInvalid);
    }
    let link_hash = tokens::hash(link);
    let now = now_ms();
    let name = name.trim();
    let mut tx = crate::db::begin_write(pool).await?;
    let session = match TokenKind::of(link) {
        Some(TokenKind::SetupLink) => {
            if name.is_empty() {
                return Err(RedeemError::NameEmpty);
            }
            let used = sqlx::query(
                "UPDATE setup_links SET used_ms = $1
                 WHERE token_hash = $2 AND used_ms IS NULL AND expires_ms > $3",
            )
            .bind(now)
            .bind(&link_hash)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if used.rows_affected() != 1 {
                return Err(RedeemError::LinkInvalid);
            }
            let organiser: i64 = sqlx::query_scalar(
                "INSERT INTO organisers (name, created_ms) VALUES ($1, $2) RETURNING id",
            )
            .bind(name)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            organiser_session(&mut tx, organiser, name).await?
        }
        Some(TokenKind::LeadInvite) => {
            let row: Option<(i64, String, i64, Option<i64>)> = sqlx::query_as(
                "SELECT id, token_hash, expires_ms, revoked_ms FROM lead_invites WHERE token_hash = $1",
            )
            .bind(&link_hash)
            .fetch_optional(&mut *tx)
            .await?;
            match row {
                Some((invite, stored, expires, None))
                    if expires > now && tokens::matches(link, &stored) =>
                {
                    lead_session(&mut tx, invite, expires, name).await?
                }
                _ => return Err(RedeemError::LinkInvalid),
            }
        }
        _ => return Err(RedeemError::LinkInvalid),
    };
    tx.commit().await?;
    Ok(session)
}

/// A session for organiser `organiser` (also used by the demo).
pub async fn organiser_session(
    conn: &mut Connection,
    organiser: i64,
    label: &str,
) -> anyhow::Result<NewSession> {
    let expires_ms = now_ms() + ORGANISER_SESSION_MS;
    insert_session(conn, Role::Organiser(organiser), label, expires_ms).await
}

/// A session from lead invite `invite`, ending when the invite does.
pub async fn lead_session(
    conn: &mut Connection,
    invite: i64,
    invite_expires_ms: i64,
    label: &str,
) -> anyhow::Result<NewSession> {
    insert_session(conn, Role::Lead { invite }, label, invite_expires_ms).await
}

/// Whose a session is: an organiser's, or a lead's through an invite.
enum Role {
    Organiser(i64),
    Lead { invite: i64 },
}

/// Stores a new session (its token's hash only) and answers its token.
async fn insert_session(
    conn: &mut Connection,
    role: Role,
    label: &str,
    expires_ms: i64,
) -> anyhow::Result<NewSession> {
    let (kind, name, organiser, invite) = match role {
        Role::Organiser(id) => (TokenKind::OrganiserSession, "organiser", Some(id), None),
        Role::Lead { invite } => (TokenKind::LeadSession, "lead", None, Some(invite)),
    };
    let (token, hash) = tokens::generate(kind)?;
    sqlx::query(
        "INSERT INTO sessions
         (token_hash, role, organiser_id, invite_id, label, created_ms, expires_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(hash)
    .bind(name)
    .bind(organiser)
    .bind(invite)
    .bind(label)
    .bind(now_ms())
    .bind(expires_ms)
    .execute(&mut *conn)
    .await?;
    Ok(NewSession { token, expires_ms })
}

/// Ends one session (logout).
pub async fn end_session(pool: &Pool, session_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET revoked_ms = COALESCE(revoked_ms, $1) WHERE token_hash = $2")
        .bind(now_ms())
        .bind(session_hash)
        .execute(pool.write())
        .await?;
    Ok(())
}

/// Makes a lead invite for `venues` (all of `event`, checked by the caller);
/// returns its id and secret.
pub async fn create_invite(
    conn: &mut Connection,
    event: EventId,
    venues: &[VenueId],
    label: &str,
    expires_ms: i64,
) -> anyhow::Result<(i64, String)> {
    let (token, hash) = tokens::generate(TokenKind::LeadInvite)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO lead_invites (event_id, token_hash, label, created_ms, expires_ms)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(i64::from(event.0))
    .bind(hash)
    .bind(label)
    .bind(now_ms())
    .bind(expires_ms)
    .fetch_one(&mut *conn)
    .await?;
    for v in venues {
        sqlx::query(
            "INSERT INTO lead_invite_venues (invite_id, venue_id) VALUES ($1, $2)
             ON CONFLICT (invite_id, venue_id) DO NOTHING",
        )
        .bind(id)
        .bind(i64::from(v.0))
        .execute(&mut *conn)
        .await?;
    }
    Ok((id, token))
}

/// Revokes an invite and every session redeemed from it. `false` if there is
/// no such invite.
pub async fn revoke_invite(conn: &mut Connection, id: i64) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let done =
        sqlx::query("UPDATE lead_invites SET revoked_ms = COALESCE(revoked_ms, $1) WHERE id = $2")
            .bind(now)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    sqlx::query("UPDATE sessions SET revoked_ms = COALESCE(revoked_ms, $1) WHERE invite_id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The invites of `event` (or the one with id `only`).
pub async fn invites(
    conn: &mut Connection,
    event: Option<EventId>,
    only: Option<i64>,
) -> Result<Vec<(EventId, Invite)>, sqlx::Error> {
    let rows: Vec<(i64, i64, String, i64, Option<i64>, i64)> = sqlx::query_as(
        "SELECT i.id, i.event_id, i.label, i.expires_ms, i.revoked_ms,
                (SELECT COUNT(*) FROM sessions s WHERE s.invite_id = i.id AND s.revoked_ms IS NULL)
         FROM lead_invites i
         WHERE ($1 IS NULL OR i.event_id = $2) AND ($3 IS NULL OR i.id = $4)
         ORDER BY i.id",
    )
    .bind(event.map(|e| i64::from(e.0)))
    .bind(event.map(|e| i64::from(e.0)))
    .bind(only)
    .bind(only)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, event_id, label, expires_ms, revoked_ms, sessions) in rows {
        let venues: Vec<i64> = sqlx::query_scalar(
            "SELECT venue_id FROM lead_invite_venues WHERE invite_id = $1 ORDER BY venue_id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        out.push((
            EventId(event_id as u32),
            Invite {
                id,
                url: None,
                label,
                venues: venues.into_iter().map(|v| VenueId(v as u32)).collect(),
                expires_ms,
                revoked: revoked_ms.is_some(),
                sessions: u32::try_from(sessions).unwrap_or(u32::MAX),
            },
        ));
    }
    Ok(out)
}

/// A new anonymous device (first sync): its id and token.
pub async fn new_device(pool: &Pool) -> anyhow::Result<(i64, String)> {
    let (token, hash) = tokens::generate(TokenKind::Device)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO devices (token_hash, created_ms) VALUES ($1, $2) RETURNING id",
    )
    .bind(hash)
    .bind(now_ms())
    .fetch_one(pool.write())
    .await?;
    Ok((id, token))
}

/// Deletes a device made for a batch that stored nothing (no record names it).
pub async fn forget_device(pool: &Pool, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM devices WHERE id = $1")
        .bind(id)
        .execute(pool.write())
        .await?;
    Ok(())
}

/// The demo's ready credentials: an organiser session and a lead session for
/// `venue` (printed by `--seed-demo`, so the demo opens without setup).
pub async fn demo_sessions(
    pool: &Pool,
    event: EventId,
    venue: VenueId,
) -> anyhow::Result<(NewSession, NewSession)> {
    let mut tx = crate::db::begin_write(pool).await?;
    let organiser: Option<i64> =
        sqlx::query_scalar("SELECT id FROM organisers ORDER BY id LIMIT 1")
            .fetch_optional(&mut *tx)
            .await?;
    let organiser = match organiser {
        Some(id) => id,
        None => sqlx::query_scalar(
            "INSERT INTO organisers (name, created_ms) VALUES ('Demo organiser', $1) RETURNING id",
        )
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await?,
    };
    let org = organiser_session(&mut tx, organiser, "demo").await?;
    let expires = now_ms() + 7 * 24 * 3600 * 1000;
    let (invite, _) = create_invite(&mut tx, event, &[venue], "demo", expires).await?;
    let lead = lead_session(&mut tx, invite, expires, "demo").await?;
    tx.commit().await?;
    Ok((org, lead))
}
