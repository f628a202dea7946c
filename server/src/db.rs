//! Opening the database and running migrations.

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

pub type Pool = SqlitePool;

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
        .busy_timeout(Duration::from_secs(10))
        // Every connection drops its page cache when another connection has
        // written since its last transaction (WAL), so a batch on a different
        // pooled connection re-reads the index pages it touches. Mapping the
        // file makes that re-read a memory access instead of a `pread` per
        // page (the OS page cache is shared by all connections). 256 MiB of
        // address space, not memory; pages in the WAL are still read normally.
        .pragma("mmap_size", "268435456")
        // Sorts and temporary indexes in memory, never in a temp file.
        .pragma("temp_store", "memory");
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    // Events created before signed codes existed get their keys now.
    crate::keys::ensure_all(&pool).await?;
    Ok(pool)
}

/// Starts a transaction that will write: `BEGIN IMMEDIATE` takes SQLite's
/// write lock up front (waiting up to the busy timeout for another writer).
/// A deferred `BEGIN` that reads first and writes later cannot upgrade to a
/// writer once another connection has committed in between (WAL): SQLite
/// then fails at once with `SQLITE_BUSY` instead of waiting, and the request
/// answers 500. Every read-then-write transaction uses this.
pub async fn begin_write(
    pool: &Pool,
) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
