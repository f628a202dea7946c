//! Opening the database and running migrations: SQLite in a data directory
//! (the default, one machine), or PostgreSQL (`DATABASE_URL=postgres://…`,
//! several replicas behind a load balancer).
//!
//! Every query in the server is written once, in SQL both accept (numbered
//! `$1` placeholders, `ON CONFLICT`, `RETURNING`, integer times), and runs
//! through sqlx's `Any` driver. What differs is here: how a connection is
//! set up, which migrations run (`migrations/` and `migrations-postgres/`,
//! the same steps), and how a write transaction takes the write lock and
//! reads the clock ([`begin_write`], [`write_clock_ms`]).
//!
//! Reads and writes go through different connections. SQLite (WAL) runs one
//! writer at a time anyway, and every connection drops its page cache when
//! another connection has written since its last transaction: writes spread
//! over a pool each re-read the index pages they touch, and a writer finding
//! the lock taken sleeps in SQLite's busy handler (growing naps) instead of
//! waiting its turn. So on SQLite a [`Pool`] is a read pool of several
//! connections plus a write pool of exactly one: write transactions
//! ([`begin_write`]) and single write statements ([`Pool::write`]) queue for
//! it in arrival order, and its page cache stays warm because nothing else
//! writes. PostgreSQL runs writers concurrently and replicas have a pool
//! each: there the write side is the same pool, and [`begin_write`] takes an
//! advisory lock, so that writes are serialised across replicas as well
//! (ingest needs that for `received_ms` to follow commit order).

use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;
use sqlx::any::{
    AnyConnectOptions, AnyPoolOptions, AnyQueryResult, AnyRow, AnyStatement, AnyTypeInfo,
};
use sqlx::migrate::Migrator;
use sqlx::{Any, AnyPool, Describe, Either, Execute, Executor};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

pub type Connection = sqlx::AnyConnection;
pub type Transaction = sqlx::Transaction<'static, sqlx::Any>;

/// SQLite's migrations. Their files never change once released: databases
/// store each one's checksum.
pub static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations");
/// The same steps in PostgreSQL's dialect (a test checks they match).
pub static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations-postgres");

/// Which database a pool or connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend of an open connection (or transaction).
    pub fn of(conn: &Connection) -> Backend {
        match conn.backend_name() {
            "PostgreSQL" => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// `baodao.db` in this directory (created if missing).
    SqliteDir(PathBuf),
    /// A PostgreSQL database URL (`postgres://user:password@host/db`).
    Postgres(String),
}

impl Location {
    /// PostgreSQL when `database_url` is given, else SQLite in `data_dir`.
    pub fn from_settings(data_dir: &Path, database_url: Option<&str>) -> anyhow::Result<Location> {
        match database_url.map(str::trim).filter(|u| !u.is_empty()) {
            None => Ok(Location::SqliteDir(data_dir.to_path_buf())),
            Some(url) if is_postgres_url(url) => Ok(Location::Postgres(url.to_string())),
            Some(_) => anyhow::bail!(
                "DATABASE_URL must start with postgres:// (leave it unset for SQLite in --data-dir)"
            ),
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Location::SqliteDir(_) => Backend::Sqlite,
            Location::Postgres(_) => Backend::Postgres,
        }
    }

    /// For logs: the SQLite file, or the PostgreSQL URL without its password.
    pub fn describe(&self) -> String {
        match self {
            Location::SqliteDir(dir) => format!("SQLite {}", dir.join("baodao.db").display()),
            Location::Postgres(url) => match reqwest::Url::parse(url) {
                Ok(mut u) => {
                    if u.password().is_some() {
                        let _ = u.set_password(Some("***"));
                    }
                    format!("PostgreSQL {u}")
                }
                Err(_) => "PostgreSQL".to_string(),
            },
        }
    }
}

/// Opens (creating if needed) `baodao.db` in `data_dir` and migrates it.
pub async fn open(data_dir: &Path) -> anyhow::Result<Pool> {
    connect(&Location::SqliteDir(data_dir.to_path_buf())).await
}

/// The server's database: reads on a pool, writes on the write side (one
/// connection for SQLite, see the module doc).
///
/// `&Pool` is a query executor for reads (`.fetch_all(&pool)`), and derefs to
/// the read pool (`pool.acquire()`); writes go through [`begin_write`] or
/// [`Pool::write`].
#[derive(Clone, Debug)]
pub struct Pool {
    read: AnyPool,
    write: AnyPool,
    backend: Backend,
}

/// How long a write waits for its turn on the write connection (a reconnect
/// burst queues thousands of batches) before failing; the phone retries.
const WRITE_QUEUE_TIMEOUT: Duration = Duration::from_secs(30);

/// Opens the database at `location`, runs the migrations it lacks, and gives
/// events created before signed codes their keys.
pub async fn connect(location: &Location) -> anyhow::Result<Pool> {
    sqlx::any::install_default_drivers();
    let pool = match location {
        Location::SqliteDir(dir) => {
            std::fs::create_dir_all(dir)?;
            let url = format!("sqlite://{}?mode=rwc", url_path(&dir.join("baodao.db")));
            let options = AnyConnectOptions::from_str(&url)?;
            let sqlite = || {
                AnyPoolOptions::new()
                    // The connections live as long as the process: a reopened
                    // connection starts with a cold page cache.
                    .idle_timeout(None)
                    .max_lifetime(None)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute(SQLITE_SETTINGS).await?;
                            Ok(())
                        })
                    })
            };
            let write = sqlite()
                .max_connections(1)
                .acquire_timeout(WRITE_QUEUE_TIMEOUT)
                .connect_with(options.clone())
                .await?;
            SQLITE_MIGRATIONS.run(&write).await?;
            let read = sqlite().max_connections(8).connect_with(options).await?;
            Pool {
                read,
                write,
                backend: Backend::Sqlite,
            }
        }
        Location::Postgres(url) => {
            let pool = AnyPoolOptions::new()
                // Per replica; PostgreSQL's default limit is 100 in all.
                .max_connections(16)
                .acquire_timeout(WRITE_QUEUE_TIMEOUT)
                .connect_with(AnyConnectOptions::from_str(url)?)
                .await?;
            // Replicas starting together: sqlx holds an advisory lock while
            // migrating, so one migrates and the others wait.
            POSTGRES_MIGRATIONS.run(&pool).await?;
            Pool {
                read: pool.clone(),
                write: pool,
                backend: Backend::Postgres,
            }
        }
    };
    // Events created before signed codes existed get their keys now.
    crate::keys::ensure_all(&pool).await?;
    Ok(pool)
}

impl Pool {
    /// The write side, for a single write statement outside a transaction
    /// (`.execute(pool.write())`).
    pub fn write(&self) -> &AnyPool {
        &self.write
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes both pools, waiting for connections in use to be returned.
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

impl std::ops::Deref for Pool {
    type Target = AnyPool;

    /// The read pool.
    fn deref(&self) -> &AnyPool {
        &self.read
    }
}

/// Queries run on `&Pool` run on the read pool.
impl<'p> Executor<'p> for &'_ Pool {
    type Database = Any;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, Result<Either<AnyQueryResult, AnyRow>, sqlx::Error>>
    where
        E: 'q + Execute<'q, Any>,
    {
        self.read.fetch_many(query)
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxFuture<'e, Result<Option<AnyRow>, sqlx::Error>>
    where
        E: 'q + Execute<'q, Any>,
    {
        self.read.fetch_optional(query)
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [AnyTypeInfo],
    ) -> BoxFuture<'e, Result<AnyStatement<'q>, sqlx::Error>> {
        self.read.prepare_with(sql, parameters)
    }

    fn describe<'e, 'q: 'e>(
        self,
        sql: &'q str,
    ) -> BoxFuture<'e, Result<Describe<Any>, sqlx::Error>> {
        self.read.describe(sql)
    }
}

/// Run on every new SQLite connection.
const SQLITE_SETTINGS: &str = "
    -- WAL lets the roster be read while phones sync; NORMAL is durable across
    -- process crashes, which is what a SIGKILL test exercises.
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    PRAGMA foreign_keys = ON;
    -- Only for writes from outside the write connection (another process, a
    -- test writing directly): the server's own queue for it.
    PRAGMA busy_timeout = 10000;
    -- A read connection drops its page cache whenever the writer has
    -- committed since its last transaction. Mapping the file makes the
    -- re-read a memory access instead of a pread per page (the OS page cache
    -- is shared by all connections). 256 MiB of address space, not memory;
    -- pages in the WAL are still read normally.
    PRAGMA mmap_size = 268435456;
    -- Sorts and temporary indexes in memory, never in a temp file.
    PRAGMA temp_store = memory;
    -- The writer checkpoints the WAL into the database file at 10,000 pages
    -- (~40 MiB), not SQLite's 1,000: a batch of random record ids (older
    -- widgets') dirties a page of the id index per record, and a checkpoint
    -- copies every page changed since the last one and syncs twice, so ten
    -- times fewer checkpoints copy a page once for many commits (ingest with
    -- random ids ~1.6x faster).
    PRAGMA wal_autocheckpoint = 10000;
";

/// A filesystem path as the path part of a `sqlite://` URL (sqlx
/// percent-decodes it): `%`, `?` and `#` would otherwise end or change it.
fn url_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The key of the PostgreSQL advisory lock every write transaction holds
/// (`pg_advisory_xact_lock`): "baodao" in ASCII.
pub const WRITE_LOCK_KEY: i64 = 0x6261_6f64_616f;

/// Starts a transaction that will write, holding the database's one write
/// lock until it commits or rolls back.
///
/// SQLite: on the write connection (waiting for its turn). `BEGIN IMMEDIATE`
/// takes SQLite's write lock up front: a deferred `BEGIN` that reads first
/// and writes later cannot upgrade to a writer once another connection has
/// committed in between (WAL), and then fails at once with `SQLITE_BUSY`.
/// Only the write connection writes, but a second process or a tool may
/// still hold the lock, so the mode stays.
///
/// PostgreSQL: `BEGIN` and a transaction-scoped advisory lock, shared by
/// every replica on the database. Writers queue as they do on SQLite, so a
/// read-then-write transaction (an invite's redemption, a venue's edit,
/// the automatic check-out) never races another replica's, and `received_ms`
/// stamped under the lock ([`write_clock_ms`]) follows commit order, which
/// the organiser's feed pages by. Every read-then-write transaction uses this.
pub async fn begin_write(pool: &Pool) -> Result<Transaction, sqlx::Error> {
    match pool.backend {
        Backend::Sqlite => pool.write.begin_with("BEGIN IMMEDIATE").await,
        Backend::Postgres => {
            let mut tx = pool.write.begin().await?;
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(WRITE_LOCK_KEY)
                .execute(&mut *tx)
                .await?;
            Ok(tx)
        }
    }
}

/// The time to stamp as `received_ms` in a transaction from [`begin_write`]:
/// one clock for every writer, so that commit order is time order. SQLite has
/// one process writing: its clock. Replicas' clocks differ by a few
/// milliseconds (or more): PostgreSQL's clock, read under the write lock.
///
/// Call it once per transaction: the stamp is also strictly later than every
/// stamp already stored. Two transactions committed within one millisecond
/// (or after the clock stepped back) would otherwise share a stamp, and the
/// organiser's feed, which pages by `(received_ms, id)`, would skip the later
/// one's rows whose ids sort before the earlier one's last row.
pub async fn write_clock_ms(tx: &mut Connection) -> Result<i64, sqlx::Error> {
    // One index probe per event (checkins_event_received): a handful.
    const LAST_STAMP: &str =
        "(SELECT MAX((SELECT MAX(received_ms) FROM checkins c WHERE c.event_id = e.id)) FROM events e)";
    let (now, last): (i64, Option<i64>) = match Backend::of(tx) {
        Backend::Sqlite => {
            let last = sqlx::query_scalar(&format!("SELECT {LAST_STAMP}"))
                .fetch_one(&mut *tx)
                .await?;
            (now_ms(), last)
        }
        // The clock and the last stamp in one round trip.
        Backend::Postgres => {
            sqlx::query_as(&format!(
                "SELECT CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000) AS BIGINT), {LAST_STAMP}"
            ))
            .fetch_one(&mut *tx)
            .await?
        }
    };
    Ok(last.map_or(now, |last| now.max(last + 1)))
}

/// Placeholders for `n` values numbered from `from`, comma-separated, for
/// statements built at run time (`IN (...)`, multi-row `VALUES`).
/// PostgreSQL needs numbers (`$1,$2`); SQLite gets anonymous `?`, because it
/// looks a numbered parameter's name up by a linear scan for every value
/// bound: a 200-row insert (2,800 values) made ingest 3 times slower.
/// Written-out queries with a handful of `$N` are not affected.
pub fn placeholders(backend: Backend, from: usize, n: usize) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(n * 5);
    for i in from..from + n {
        if i > from {
            s.push(',');
        }
        match backend {
            Backend::Sqlite => s.push('?'),
            Backend::Postgres => {
                let _ = write!(s, "${i}");
            }
        }
    }
    s
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_have_the_same_migration_steps() {
        let steps = |m: &Migrator| {
            m.iter()
                .map(|m| (m.version, m.description.to_string()))
                .collect::<Vec<_>>()
        };
        assert!(!SQLITE_MIGRATIONS.migrations.is_empty());
        assert_eq!(steps(&SQLITE_MIGRATIONS), steps(&POSTGRES_MIGRATIONS));
    }

    #[test]
    fn placeholders_are_numbered_for_postgres_only() {
        assert_eq!(placeholders(Backend::Postgres, 3, 3), "$3,$4,$5");
        assert_eq!(placeholders(Backend::Sqlite, 3, 3), "?,?,?");
    }

    #[test]
    fn database_url_selects_postgres_and_nothing_else() {
        let dir = Path::new("data");
        assert_eq!(
            Location::from_settings(dir, None).unwrap(),
            Location::SqliteDir(dir.into())
        );
        assert_eq!(
            Location::from_settings(dir, Some(" ")).unwrap().backend(),
            Backend::Sqlite
        );
        let pg = Location::from_settings(dir, Some("postgres://u:secret@db/baodao")).unwrap();
        assert_eq!(pg.backend(), Backend::Postgres);
        assert!(!pg.describe().contains("secret"), "{}", pg.describe());
        assert!(Location::from_settings(dir, Some("mysql://db")).is_err());
        assert_eq!(url_path(Path::new("/tmp/a?b#c%d")), "/tmp/a%3Fb%23c%25d");
    }
}
