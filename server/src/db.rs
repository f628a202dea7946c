//! Opening the database and running migrations.
//!
//! Reads and writes go through different connections. SQLite (WAL) runs one
//! writer at a time anyway, and every connection drops its page cache when
//! another connection has written since its last transaction: writes spread
//! over a pool each re-read the index pages they touch, and a writer finding
//! the lock taken sleeps in SQLite's busy handler (growing naps) instead of
//! waiting its turn. So a [`Pool`] is a read pool of several connections plus
//! a write pool of exactly one: write transactions ([`begin_write`]) and
//! single write statements ([`Pool::write`]) queue for it in arrival order,
//! and its page cache stays warm because nothing else writes. (On a database
//! that runs writers concurrently, the write side would be an ordinary pool
//! plus a lock taken by [`begin_write`]: ingest needs writes serialised so
//! that `received_ms` follows commit order.)

use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteQueryResult,
    SqliteRow, SqliteStatement, SqliteSynchronous, SqliteTypeInfo,
};
use sqlx::{Describe, Either, Execute, Executor, Sqlite};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The server's database: reads on a pool, writes on one connection.
///
/// `&Pool` is a query executor for reads (`.fetch_all(&pool)`), and derefs to
/// the read pool (`pool.acquire()`); writes go through [`begin_write`] or
/// [`Pool::write`].
#[derive(Clone, Debug)]
pub struct Pool {
    read: SqlitePool,
    write: SqlitePool,
}

/// How long a write waits for its turn on the write connection (a reconnect
/// burst queues thousands of batches) before failing; the phone retries.
const WRITE_QUEUE_TIMEOUT: Duration = Duration::from_secs(30);

/// Opens (creating if needed) `baodao.db` in `data_dir` and migrates it.
pub async fn open(data_dir: &Path) -> anyhow::Result<Pool> {
    std::fs::create_dir_all(data_dir)?;
    let path = data_dir.join("baodao.db");
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))?
        .create_if_missing(true)
        // WAL lets the roster be read while phones sync; NORMAL is durable
        // across process crashes, which is what a SIGKILL test exercises.
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        // Only for writes from outside the write connection (another
        // process, a test writing directly): the server's own queue for it.
        .busy_timeout(Duration::from_secs(10))
        // A read connection drops its page cache whenever the writer has
        // committed since its last transaction. Mapping the file makes the
        // re-read a memory access instead of a `pread` per page (the OS page
        // cache is shared by all connections). 256 MiB of address space, not
        // memory; pages in the WAL are still read normally.
        .pragma("mmap_size", "268435456")
        // Sorts and temporary indexes in memory, never in a temp file.
        .pragma("temp_store", "memory");
    // The connections live as long as the process: a reopened connection
    // starts with a cold page cache.
    let write = SqlitePoolOptions::new()
        .max_connections(1)
        .acquire_timeout(WRITE_QUEUE_TIMEOUT)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_with(options.clone())
        .await?;
    sqlx::migrate!("./migrations").run(&write).await?;
    let read = SqlitePoolOptions::new()
        .max_connections(8)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_with(options)
        .await?;
    let pool = Pool { read, write };
    // Events created before signed codes existed get their keys now.
    crate::keys::ensure_all(&pool).await?;
    Ok(pool)
}

impl Pool {
    /// The write connection, for a single write statement outside a
    /// transaction (`.execute(pool.write())`).
    pub fn write(&self) -> &SqlitePool {
        &self.write
    }

    /// Closes both pools, waiting for connections in use to be returned.
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

impl std::ops::Deref for Pool {
    type Target = SqlitePool;

    /// The read pool.
    fn deref(&self) -> &SqlitePool {
        &self.read
    }
}

/// Queries run on `&Pool` run on the read pool.
impl<'p> Executor<'p> for &'_ Pool {
    type Database = Sqlite;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, Result<Either<SqliteQueryResult, SqliteRow>, sqlx::Error>>
    where
        E: 'q + Execute<'q, Sqlite>,
    {
        self.read.fetch_many(query)
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxFuture<'e, Result<Option<SqliteRow>, sqlx::Error>>
    where
        E: 'q + Execute<'q, Sqlite>,
    {
        self.read.fetch_optional(query)
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [SqliteTypeInfo],
    ) -> BoxFuture<'e, Result<SqliteStatement<'q>, sqlx::Error>> {
        self.read.prepare_with(sql, parameters)
    }

    fn describe<'e, 'q: 'e>(
        self,
        sql: &'q str,
    ) -> BoxFuture<'e, Result<Describe<Sqlite>, sqlx::Error>> {
        self.read.describe(sql)
    }
}

/// Starts a transaction that will write, on the write connection (waiting
/// for its turn). `BEGIN IMMEDIATE` takes SQLite's write lock up front: a
/// deferred `BEGIN` that reads first and writes later cannot upgrade to a
/// writer once another connection has committed in between (WAL), and then
/// fails at once with `SQLITE_BUSY`. Only the write connection writes, but a
/// second process or a tool may still hold the lock, so the mode stays.
pub async fn begin_write(
    pool: &Pool,
) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
    pool.write.begin_with("BEGIN IMMEDIATE").await
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
