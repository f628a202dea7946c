//! Storing check-ins synced from phones: the last step of the data path.
//!
//! Every item is judged on its own, and the whole batch is written in one
//! transaction: if the process dies half-way nothing is committed, the phone
//! retries the whole batch, and the upsert on the phone's id stores each
//! record once.
//!
//! Each item's venue code is verified again here, because a phone's checks
//! can be bypassed (docs/venue-code.md):
//! - a signed code must be authentic for the event's *current* key set
//!   ([`verify_authentic`]): forged, altered, revoked-key, unknown-key,
//!   other-event, unsigned (`u.`) and malformed codes are rejected with the
//!   error's reason code;
//! - time is never a reason to reject (a record may sync hours late): an
//!   authentic code whose validity or slot disagrees with the record's device
//!   time (corrected by the phone's clock offset) is stored and flagged
//!   ([`assess_at_sync`]) for a lead to review;
//! - a typed short code (`s.{SHORTCODE}`, see
//!   [`baodao_core::venue_link::short_code_checkin`]) is stored and flagged
//!   `short_code_entry`, because short codes are guessable lookup keys;
//! - a batch whose device clock is more than [`CLOCK_FLAG_MS`] off the
//!   server's has its records stored with the corrected time (`checked_ms`)
//!   and, unless flagged for another reason, flagged `device_clock_off`.
//!
//! Speed (a reconnect burst is thousands of phones at once): a batch costs a
//! fixed handful of queries whatever its size — one each for the events and
//! venues it names, one key set per event, the largest row id and one
//! multi-row `INSERT ... ON CONFLICT DO NOTHING`, and only for replays and
//! rejected items one to read what was stored before — and each distinct
//! code string is verified once per batch. Verified codes are also remembered process-wide
//! ([`VerifyCache`]) together with the exact key set they were verified
//! against; the key set is read afresh in every batch's transaction, so a
//! rotation or revocation (which changes it) is seen by the next batch and a
//! revoked key's codes are rejected again at once.

use crate::db::{self, now_ms, Pool};
use crate::keys;
use baodao_core::event::Proof;
use baodao_core::sync::{ItemOutcome, ItemResult, SyncBatch, SyncResponse};
use baodao_core::venue_code::{
    assess_at_sync, verify_authentic, CodeError, CodeKind, EventKeySet, VerifiedCode, VerifyPolicy,
};
use baodao_core::venue_link::parse_short_code_checkin;
use baodao_core::{CheckIn, EventId, VenueId};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};
use uuid::Uuid;

/// Flag reason of a check-in made by typing a venue's short code.
pub const SHORT_CODE_FLAG: &str = "short_code_entry";
/// Flag reason of a check-in made with a poster's code at a venue that
/// takes its rotating screen's codes only.
pub const POSTER_AT_SCREEN_VENUE_FLAG: &str = "poster_code_at_screen_venue";
/// Flag reason of a screen-code record a phone sends after an earlier sync
/// that should have carried it: a photo of the screen, "made" back then.
pub const SENT_LATE_FLAG: &str = "code_sent_late";
/// How long before a device's previous sync a record may have been made
/// and still missed it (that sync was already on its way).
pub const SENT_LATE_GRACE_MS: i64 = 2 * 60 * 1000;
/// Flag reason of a check-in whose phone clock was far off the server's.
pub const CLOCK_FLAG: &str = "device_clock_off";
/// A batch's device clock further than this from the server's (either way)
/// flags its records [`CLOCK_FLAG`]: their times are the server's estimate.
/// Ten minutes, like [`SYNC_POLICY`]'s validity grace.
pub const CLOCK_FLAG_MS: i64 = 10 * 60 * 1000;

/// Looser than the widget's default: the clock offset estimated from one
/// batch is approximate, and a flag costs a lead's time.
pub const SYNC_POLICY: VerifyPolicy = VerifyPolicy {
    tolerance_slots: 4,
    validity_grace_s: 600,
};

/// Rows per multi-row statement: 14 parameters each, far below SQLite's
/// 32,766- and PostgreSQL's 65,535-parameter limits. A full batch
/// (`MAX_BATCH_ITEMS`) is one statement.
const ROWS_PER_STATEMENT: usize = 200;

/// The row counts the multi-row insert is written for; a chunk of rows is
/// padded up to the next one ([`insert_all`]).
///
/// Phones send batches of every size up to 200, and a statement of a new
/// size is prepared anew: sqlx keeps 100 prepared statements per
/// connection, and preparing a 200-row insert costs about as much as
/// running it (batches of random sizes spent a fifth of ingest preparing).
/// 16 sizes, each at most 1.5 times the one before, stay prepared.
const INSERT_SIZES: [usize; 16] = [
    1,
    2,
    3,
    4,
    6,
    8,
    12,
    16,
    24,
    32,
    48,
    64,
    96,
    128,
    160,
    ROWS_PER_STATEMENT,
];

/// What to do with one item.
enum Judgement {
    Reject(&'static str),
    /// Store, with a flag reason if a lead should look at it, and how its
    /// code proves presence.
    Store(Option<&'static str>, Proof),
}

/// A record to insert: its index in the batch, flag and proof.
#[derive(Clone, Copy)]
struct NewRow {
    index: usize,
    flag: Option<&'static str>,
    proof: Proof,
}

/// Who sent a batch: stored with each new record, so a phone can
/// read back its own records and a lead's assisted check-ins are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Submitter {
    /// The volunteer device that sent it, if known.
    pub device: Option<i64>,
    /// `device`, or `assisted` for a lead's device.
    pub origin: &'static str,
}

impl Submitter {
    pub const ANONYMOUS: Submitter = Submitter {
        device: None,
        origin: "device",
    };
}

/// Applies a batch from an unknown device (benchmarks, older callers).
pub async fn apply(pool: &Pool, batch: &SyncBatch) -> Result<SyncResponse, sqlx::Error> {
    apply_as(pool, batch, Submitter::ANONYMOUS).await
}

/// Applies a batch and returns one result per item, in order.
pub async fn apply_as(
    pool: &Pool,
    batch: &SyncBatch,
    submitter: Submitter,
) -> Result<SyncResponse, sqlx::Error> {
    // IMMEDIATE (db::begin_write): a deferred transaction would fail every
    // concurrent batch of a reconnect burst with SQLITE_BUSY at its first write.
    let mut tx = db::begin_write(pool).await?;
    // Taken once the write lock is held, from the one clock all writers
    // share, so `received_ms` follows commit order: the organiser's feed
    // pages by it and never skips a batch that waited for the lock.
    let received = db::write_clock_ms(&mut tx).await?;
    // How far the phone's clock is behind the server's: added to a record's
    // device time, it estimates when the record was really made.
    let clock_offset = received.saturating_sub(batch.device_time_ms);
    let items = &batch.items;
    let context = BatchContext::load(&mut tx, items).await?;
    // A phone sends every pending record whenever it syncs: one it made
    // before its previous sync was held back.
    let previous_sync: Option<i64> = match submitter.device {
        Some(device) => sqlx::query_scalar("SELECT last_sync_ms FROM devices WHERE id = $1")
            .bind(device)
            .fetch_optional(&mut *tx)
            .await?
            .flatten(),
        None => None,
    };

    // Judge every item, in order. The same id twice in one batch is judged
    // once (its first time) and stored once.
    let mut plans: Vec<Plan> = Vec::with_capacity(items.len());
    let mut to_insert: Vec<NewRow> = Vec::new();
    let from_lead = submitter.origin != Submitter::ANONYMOUS.origin;
    let mut first_seen: ItemMap<Uuid, usize> = ItemMap::default();
    let mut verified_here: VerifiedHere = ItemMap::default();
    for (i, item) in items.iter().enumerate() {
        if let Some(&first) = first_seen.get(&item.id) {
            if let Plan::Insert(_) = plans[first] {
                plans.push(Plan::SameAs(first));
                continue;
            }
        }
        match context.judge(item, clock_offset, &mut verified_here) {
            Judgement::Reject(reason) => plans.push(Plan::Reject(reason)),
            Judgement::Store(flag, proof) => {
                // A lead's device sends the poster's code for the person
                // in front of them: the lead is the proof.
                let proof = if from_lead { Proof::Lead } else { proof };
                let made = corrected_ms(item.device_time_ms, clock_offset);
                let held_back = proof == Proof::Screen
                    && previous_sync.is_some_and(|b| made < b - SENT_LATE_GRACE_MS);
                let flag = flag
                    .or((clock_offset.abs() > CLOCK_FLAG_MS).then_some(CLOCK_FLAG))
                    .or(held_back.then_some(SENT_LATE_FLAG))
                    .or(
                        (proof == Proof::Poster && context.screen_only.contains(&item.venue))
                            .then_some(POSTER_AT_SCREEN_VENUE_FLAG),
                    );
                first_seen.insert(item.id, i);
                to_insert.push(NewRow {
                    index: i,
                    flag,
                    proof,
                });
                plans.push(Plan::Insert(flag));
            }
        }
    }
    // One multi-row INSERT ... ON CONFLICT DO NOTHING: it stores the items
    // not stored before, and says how many it stored.
    let inserted = insert_all(
        &mut tx,
        &context,
        items,
        &to_insert,
        received,
        clock_offset,
        submitter,
    )
    .await?;
    // What was stored before this batch, for replays and for rejected items:
    // a record sent before is never judged again (a key revoked since must
    // not turn a stored record into "rejected"). When the insert stored
    // every item, none of them is a replay and only rejected items are read.
    let all_new = inserted.count == to_insert.len();
    let earlier: Vec<&CheckIn> = items
        .iter()
        .zip(&plans)
        .filter(|(_, plan)| match plan {
            Plan::Reject(_) => true,
            Plan::Insert(_) => !all_new,
            // The same id as an Insert item, which is read if needed.
            Plan::SameAs(_) => false,
        })
        .map(|(item, _)| item)
        .collect();
    let stored = stored_flags(&mut tx, &earlier, inserted.rows_before).await?;
    // Every item to insert was either stored before or inserted now. Never
    // tell a phone a record is stored when it is not: fail the batch (it is
    // retried whole) if the counts disagree (cannot happen under the lock).
    let new = to_insert
        .iter()
        .filter(|row| !stored.contains_key(&items[row.index].id))
        .count();
    if new != inserted.count {
        return Err(sqlx::Error::Protocol(format!(
            "{new} new check-ins but {} inserted",
            inserted.count
        )));
    }
    if let Some(device) = submitter.device {
        sqlx::query("UPDATE devices SET last_sync_ms = $1 WHERE id = $2")
            .bind(received)
            .bind(device)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;

    let mut results = Vec::with_capacity(items.len());
    for (item, plan) in items.iter().zip(&plans) {
        let outcome = match (plan, stored.get(&item.id)) {
            (_, Some(flag)) => flag_outcome(flag.as_deref()),
            (Plan::Reject(reason), None) => match first_seen.get(&item.id) {
                // A later item with this id is stored by this batch.
                Some(&stored_by) => same_as(&plans[stored_by]),
                None => ItemOutcome::Rejected(reason.to_string()),
            },
            (Plan::Insert(flag), None) => match flag {
                Some(f) => ItemOutcome::Flagged(f.to_string()),
                None => ItemOutcome::Accepted,
            },
            (Plan::SameAs(first), None) => same_as(&plans[*first]),
        };
        results.push(ItemResult {
            id: item.id,
            outcome,
        });
    }
    Ok(SyncResponse {
        server_time_ms: now_ms(),
        results,
    })
}

/// What a batch does with one item.
enum Plan {
    Reject(&'static str),
    /// Insert, with this flag.
    Insert(Option<&'static str>),
    /// The same id as the earlier item at this index, which is inserted.
    SameAs(usize),
}

/// The answer for an item whose id another item of the batch (planned as
/// `plan`) inserts.
fn same_as(plan: &Plan) -> ItemOutcome {
    match plan {
        Plan::Insert(flag) => flag_outcome(*flag),
        _ => ItemOutcome::Duplicate,
    }
}

/// The answer for an id that is already stored: `Flagged` with its stored
/// flag, else `Duplicate`.
fn flag_outcome(flag: Option<&str>) -> ItemOutcome {
    match flag {
        Some(f) => ItemOutcome::Flagged(f.to_string()),
        None => ItemOutcome::Duplicate,
    }
}

/// The ids of `items` stored before this batch (row id at most
/// `rows_before`), with their flags: one query per [`ROWS_PER_STATEMENT`]
/// items, none for no items.
async fn stored_flags(
    tx: &mut db::Connection,
    items: &[&CheckIn],
    rows_before: i64,
) -> Result<HashMap<Uuid, Option<String>>, sqlx::Error> {
    let backend = db::Backend::of(tx);
    let mut stored = HashMap::new();
    for chunk in items.chunks(ROWS_PER_STATEMENT) {
        // Rows this transaction did not insert: SQLite numbers new rows above
        // `rows_before`; PostgreSQL marks each row with the transaction that
        // wrote it (`xmin`).
        let (before, bind_rows_before) = match backend {
            db::Backend::Sqlite => ("rowid <= ?", true),
            db::Backend::Postgres => ("xmin <> pg_current_xact_id()::xid", false),
        };
        let sql = format!(
            "SELECT id, flag FROM checkins WHERE id IN ({}) AND {before}",
            db::placeholders(backend, 1, chunk.len())
        );
        let mut query = sqlx::query_as::<_, (String, Option<String>)>(&sql);
        for item in chunk {
            query = query.bind(item.id.to_string());
        }
        if bind_rows_before {
            query = query.bind(rows_before);
        }
        for (id, flag) in query.fetch_all(&mut *tx).await? {
            if let Ok(id) = id.parse() {
                stored.insert(id, flag);
            }
        }
    }
    Ok(stored)
}

/// Each distinct (event, code string) of a batch is verified once.
type VerifiedHere<'a> = ItemMap<(EventId, &'a str), Result<VerifiedCode, CodeError>>;

/// Maps looked up for every item of a batch. std's default hasher (SipHash)
/// cost more than judging an item; foldhash is several times cheaper and
/// still randomly seeded, so a batch cannot be crafted to collide.
type ItemMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
type ItemSet<K> = HashSet<K, foldhash::fast::RandomState>;

/// What judging a batch needs from the database, read in a few queries.
struct BatchContext {
    events: ItemSet<EventId>,
    /// Venue id → its event.
    venues: ItemMap<VenueId, EventId>,
    /// Venues that take their rotating screen's codes only.
    screen_only: ItemSet<VenueId>,
    /// `None`: the key set could not be read (reject `code_key_unknown`).
    key_sets: ItemMap<EventId, Option<Arc<EventKeySet>>>,
    /// (event, short code) → the venue it names.
    short_codes: ItemMap<(EventId, String), Option<VenueId>>,
    /// Per event, organisation names merged or renamed since → what they
    /// read as now (`organisation_aliases`); absent for most events.
    aliases: ItemMap<EventId, HashMap<String, String>>,
}

impl BatchContext {
    async fn load(tx: &mut db::Connection, items: &[CheckIn]) -> Result<BatchContext, sqlx::Error> {
        let mut context = BatchContext {
            events: ItemSet::default(),
            venues: ItemMap::default(),
            screen_only: ItemSet::default(),
            key_sets: ItemMap::default(),
            short_codes: ItemMap::default(),
            aliases: ItemMap::default(),
        };
        if items.is_empty() {
            return Ok(context);
        }
        let events: Vec<i64> = distinct(items.iter().map(|i| i64::from(i.event.0)));
        // Whether an event has aliases comes with it: no extra round trip
        // for the events (nearly all) that have none.
        let sql = format!(
            "SELECT id, (SELECT COUNT(*) FROM organisation_aliases a WHERE a.event_id = events.id)
             FROM events WHERE id IN ({})",
            db::placeholders(db::Backend::of(tx), 1, events.len())
        );
        let mut query = sqlx::query_as::<_, (i64, i64)>(&sql);
        for e in &events {
            query = query.bind(e);
        }
        for (id, aliases) in query.fetch_all(&mut *tx).await? {
            let event = EventId(id as u32);
            context.events.insert(event);
            if aliases > 0 {
                let rows: Vec<(String, String)> = sqlx::query_as(
                    "SELECT name, target FROM organisation_aliases WHERE event_id = $1",
                )
                .bind(id)
                .fetch_all(&mut *tx)
                .await?;
                context.aliases.insert(event, rows.into_iter().collect());
            }
        }
        let venues: Vec<i64> = distinct(items.iter().map(|i| i64::from(i.venue.0)));
        for chunk in venues.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "SELECT id, event_id, screen_only FROM venues WHERE id IN ({})",
                db::placeholders(db::Backend::of(tx), 1, chunk.len())
            );
            let mut query = sqlx::query_as::<_, (i64, i64, i64)>(&sql);
            for v in chunk {
                query = query.bind(v);
            }
            for (id, event, screen_only) in query.fetch_all(&mut *tx).await? {
                let venue = VenueId(id as u32);
                context.venues.insert(venue, EventId(event as u32));
                if screen_only != 0 {
                    context.screen_only.insert(venue);
                }
            }
        }
        for item in items {
            if !context.events.contains(&item.event) {
                continue;
            }
            match parse_short_code_checkin(&item.code) {
                Some(Ok(short)) => {
                    let key = (item.event, short.as_str().to_string());
                    if context.short_codes.contains_key(&key) {
                        continue;
                    }
                    let venue: Option<i64> = sqlx::query_scalar(
                        "SELECT id FROM venues WHERE event_id = $1 AND short_code = $2",
                    )
                    .bind(i64::from(item.event.0))
                    .bind(short.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
                    context
                        .short_codes
                        .insert(key, venue.map(|v| VenueId(v as u32)));
                }
                Some(Err(_)) => {}
                None => {
                    if context.key_sets.contains_key(&item.event) {
                        continue;
                    }
                    let set = match keys::key_set(&mut *tx, item.event).await {
                        Ok(set) => Some(Arc::new(set)),
                        Err(keys::KeyError::Database(e)) => return Err(e),
                        Err(e) => {
                            tracing::error!(error = %e, event = item.event.0, "cannot load key set");
                            None
                        }
                    };
                    context.key_sets.insert(item.event, set);
                }
            }
        }
        Ok(context)
    }

    /// The organisation an item is stored with: what its name reads as now.
    fn organisation<'a>(&'a self, item: &'a CheckIn) -> &'a str {
        let typed = item.volunteer.organisation.as_str();
        self.aliases
            .get(&item.event)
            .and_then(|a| a.get(typed))
            .map_or(typed, String::as_str)
    }

    fn judge<'a>(
        &self,
        item: &'a CheckIn,
        clock_offset: i64,
        verified_here: &mut VerifiedHere<'a>,
    ) -> Judgement {
        if let Err(e) = item.validate() {
            return Judgement::Reject(e.code());
        }
        if !self.events.contains(&item.event) {
            return Judgement::Reject("unknown_event");
        }
        if let Some(short) = parse_short_code_checkin(&item.code) {
            let short = match short {
                Ok(s) => s,
                Err(e) => return Judgement::Reject(e.code()),
            };
            let venue = self
                .short_codes
                .get(&(item.event, short.as_str().to_string()))
                .copied()
                .flatten();
            return match venue {
                None => Judgement::Reject("short_code_unknown"),
                Some(v) if v != item.venue => Judgement::Reject("code_mismatch"),
                Some(_) => Judgement::Store(Some(SHORT_CODE_FLAG), Proof::ShortCode),
            };
        }
        let Some(Some(key_set)) = self.key_sets.get(&item.event) else {
            return Judgement::Reject("code_key_unknown");
        };
        let verified = *verified_here
            .entry((item.event, item.code.as_str()))
            .or_insert_with(|| verify_cache().verify(&item.code, key_set));
        let verified = match verified {
            Ok(v) => v,
            Err(e) => return Judgement::Reject(e.code()),
        };
        if verified.event != item.event || verified.venue != item.venue {
            return Judgement::Reject("code_mismatch");
        }
        if self.venues.get(&item.venue) != Some(&item.event) {
            return Judgement::Reject("unknown_venue");
        }
        let when = corrected_ms(item.device_time_ms, clock_offset);
        let proof = match verified.kind {
            CodeKind::Static => Proof::Poster,
            CodeKind::Rotating => Proof::Screen,
        };
        Judgement::Store(
            assess_at_sync(&verified, when, &SYNC_POLICY).map(|f| f.code()),
            proof,
        )
    }
}

/// When a record was made by the server's clock: the phone's reading
/// moved by the batch's clock offset.
fn corrected_ms(device_time_ms: i64, clock_offset: i64) -> i64 {
    device_time_ms.saturating_add(clock_offset)
}

fn distinct(values: impl Iterator<Item = i64>) -> Vec<i64> {
    // A batch's items mostly share one event and venue: runs collapse here.
    let mut v: Vec<i64> = Vec::new();
    for value in values {
        if v.last() != Some(&value) {
            v.push(value);
        }
    }
    v.sort_unstable();
    v.dedup();
    v
}

/// Codes verified authentic, each with the key set it was verified against.
///
/// Every volunteer at a venue sends the same poster code, and an Ed25519
/// verification costs more than storing the record, so a code string is
/// verified once and remembered. An entry is used only when the key set read
/// in the current batch's transaction equals the one it was verified
/// against: rotating or revoking a key changes the set, so no stale answer
/// survives either (no invalidation call to forget). Only successes are
/// remembered, and at most [`VerifyCache::CAPACITY`] of them (the whole
/// cache is dropped when full: forged codes cannot grow it).
pub struct VerifyCache {
    entries: Mutex<HashMap<String, (Arc<EventKeySet>, VerifiedCode)>>,
}

impl VerifyCache {
    pub const CAPACITY: usize = 16_384;

    fn new() -> VerifyCache {
        VerifyCache {
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// [`verify_authentic`], answered from the cache when `code` was verified
    /// against exactly `key_set` before.
    pub fn verify(
        &self,
        code: &str,
        key_set: &Arc<EventKeySet>,
    ) -> Result<VerifiedCode, CodeError> {
        if let Some((set, verified)) = self.lock().get(code) {
            if Arc::ptr_eq(set, key_set) || **set == **key_set {
                return Ok(*verified);
            }
        }
        let verified = verify_authentic(code, key_set)?;
        let mut entries = self.lock();
        if entries.len() >= Self::CAPACITY {
            entries.clear();
        }
        entries.insert(code.to_string(), (key_set.clone(), verified));
        Ok(verified)
    }

    /// How many codes are remembered.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (Arc<EventKeySet>, VerifiedCode)>> {
        // A panic while holding the lock leaves a map that is still valid.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The process-wide [`VerifyCache`].
pub fn verify_cache() -> &'static VerifyCache {
    static CACHE: OnceLock<VerifyCache> = OnceLock::new();
    CACHE.get_or_init(VerifyCache::new)
}

/// What [`insert_all`] did.
struct Inserted {
    /// How many rows it stored.
    count: usize,
    /// The largest row id before it: every row it stored has a larger one.
    rows_before: i64,
}

/// Inserts the items at `rows` (index into `items`, flag), a multi-row
/// statement per [`ROWS_PER_STATEMENT`]; an id already present is left as it
/// is (`ON CONFLICT DO NOTHING`).
///
/// A statement has one of the [`INSERT_SIZES`]: a chunk with fewer rows
/// repeats its last row to fill it. A repeated row conflicts with the same
/// row inserted (or skipped) just before in the same statement, so it stores
/// nothing and the count of stored rows stays exact.
///
/// No `RETURNING`: SQLite would first copy every row of the statement into a
/// temporary table, then the returned ids would be read and parsed. Which
/// rows are new is found instead from the count and, when some were not new,
/// from the row ids: SQLite gives each new row the largest row id plus one
/// (`checkins` has no `AUTOINCREMENT` and nothing else writes under the lock).
/// PostgreSQL tells them apart by the transaction that wrote them
/// ([`stored_flags`]), so it needs no row id.
async fn insert_all(
    tx: &mut db::Connection,
    context: &BatchContext,
    items: &[CheckIn],
    rows: &[NewRow],
    received: i64,
    clock_offset: i64,
    submitter: Submitter,
) -> Result<Inserted, sqlx::Error> {
    if rows.is_empty() {
        return Ok(Inserted {
            count: 0,
            rows_before: i64::MAX,
        });
    }
    let backend = db::Backend::of(tx);
    let rows_before: i64 = match backend {
        db::Backend::Sqlite => {
            sqlx::query_scalar("SELECT COALESCE(MAX(rowid), 0) FROM checkins")
                .fetch_one(&mut *tx)
                .await?
        }
        db::Backend::Postgres => 0,
    };
    // Past the largest row id SQLite picks free ones at random, which the
    // comparison above could not tell from older rows.
    if rows_before > i64::MAX - rows.len() as i64 {
        return Err(sqlx::Error::Protocol("check-in row ids exhausted".into()));
    }
    let mut count = 0;
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let size = insert_size(chunk.len());
        let sql = insert_sql(backend, size);
        let mut query = sqlx::query(&sql);
        let last = chunk[chunk.len() - 1];
        let padding = std::iter::repeat_n(&last, size - chunk.len());
        for row in chunk.iter().chain(padding) {
            let item = &items[row.index];
            query = query
                .bind(item.id.to_string())
                .bind(i64::from(item.event.0))
                .bind(i64::from(item.venue.0))
                .bind(item.kind.as_str())
                .bind(item.code.as_str())
                .bind(item.device_time_ms)
                .bind(corrected_ms(item.device_time_ms, clock_offset).min(received))
                .bind(received)
                .bind(item.volunteer.name.as_str())
                .bind(item.volunteer.mobile.as_str())
                .bind(context.organisation(item))
                .bind(row.flag)
                .bind(submitter.device)
                .bind(submitter.origin)
                .bind(row.proof.as_str());
        }
        count += query.execute(&mut *tx).await?.rows_affected() as usize;
    }
    Ok(Inserted { count, rows_before })
}

/// The smallest of the [`INSERT_SIZES`] holding `rows` (1 ..= [`ROWS_PER_STATEMENT`]).
fn insert_size(rows: usize) -> usize {
    INSERT_SIZES
        .into_iter()
        .find(|&size| size >= rows)
        .unwrap_or(ROWS_PER_STATEMENT)
}

/// The multi-row insert of `rows` check-ins.
///
/// On SQLite the parameters are anonymous (`?`): sqlx asks SQLite for every
/// parameter's name when binding, and with numbered ones (`?1`, `$1`) that
/// lookup scans the statement's names, quadratic in the row count (it cost
/// more than the whole insert). PostgreSQL needs numbers
/// ([`db::placeholders`]).
fn insert_sql(backend: db::Backend, rows: usize) -> String {
    const COLUMNS: usize = 15;
    let mut sql = String::with_capacity(220 + rows * (COLUMNS * 5 + 3));
    sql.push_str(
        "INSERT INTO checkins (id, event_id, venue_id, kind, code, device_time_ms, checked_ms, received_ms, name, mobile, organisation, flag, device_id, origin, proof) VALUES ",
    );
    for row in 0..rows {
        if row > 0 {
            sql.push(',');
        }
        sql.push('(');
        sql.push_str(&db::placeholders(backend, row * COLUMNS + 1, COLUMNS));
        sql.push(')');
    }
    sql.push_str(" ON CONFLICT (id) DO NOTHING");
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chunk_has_a_prepared_size_at_most_half_again_as_large() {
        assert!(INSERT_SIZES.windows(2).all(|w| w[0] < w[1]));
        for rows in 1..=ROWS_PER_STATEMENT {
            let size = insert_size(rows);
            assert!(INSERT_SIZES.contains(&size), "{rows}");
            assert!(
                size >= rows && 2 * size <= 3 * rows + 1,
                "{rows} rows in {size}"
            );
        }
    }
}
