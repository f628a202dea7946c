//! Baodao's server: stores events and venues, serves venue QR codes, ingests
//! check-ins synced from phones, serves rosters, and serves the built widget,
//! all from one process.

pub mod access;
pub mod attendance;
pub mod auto_checkout;
pub mod config;
pub mod csv_import;
pub mod db;
pub mod http;
pub mod ingest;
pub mod keys;
pub mod organisation_initials;
pub mod retention;
pub mod seed;
pub mod tokens;
pub mod venue_qr;
pub mod venues;
pub mod wechat;

use config::Config;
use tokio::net::TcpListener;

/// Opens the database, seeds the demo if asked, and serves until Ctrl-C.
pub async fn run(config: Config) -> anyhow::Result<()> {
    let location = config.database()?;
    let pool = db::connect(&location).await?;
    tracing::info!(database = %location.describe(), "database open");
    if config.organiser_link {
        // Recovery, or another organiser: print a fresh link and stop.
        let (token, _) = access::create_setup_link(&pool).await?;
        println!(
            "Organiser setup (one use, 24 h): {}",
            http::setup_url(&config.public_url(), &token)
        );
        return Ok(());
    }
    if config.seed_demo {
        seed::demo_if_empty(&pool).await?;
    }
    // At start (the first tick is immediate), then periodically.
    let _purge = retention::spawn_periodic(pool.clone());
    let _auto_checkout = auto_checkout::spawn_periodic(pool.clone());
    let listener = TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    print_urls(&pool, &config).await?;
    tracing::info!(%addr, "listening");
    let mut ctx = http::ApiContext::new(pool, config.public_url(), config.dist.clone());
    ctx.wechat = config.wechat()?.map(std::sync::Arc::new);
    ctx.frame_ancestors = config.frame_ancestors.0.clone();
    ctx.trust_forwarded_for = config.trust_forwarded_for;
    ctx.token_links = config.seed_demo;
    let app = http::router(ctx);
    // The peer address keys the per-address rate limits.
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// Prints where to start: the organiser page, one lead page, one check-in URL.
async fn print_urls(pool: &db::Pool, config: &Config) -> anyhow::Result<()> {
    let base = config.public_url();
    let first: Option<(i64, i64)> =
        sqlx::query_as("SELECT event_id, id FROM venues ORDER BY id LIMIT 1")
            .fetch_optional(pool)
            .await?;
    println!("Baodao is running.");
    // e2e tests read the Organiser and Venue lead lines; keep their format.
    let demo = match (config.seed_demo, first) {
        (true, Some((event, venue))) => Some(
            access::demo_sessions(
                pool,
                baodao_core::EventId(event as u32),
                baodao_core::VenueId(venue as u32),
            )
            .await?,
        ),
        _ => None,
    };
    match &demo {
        Some((organiser, _)) => {
            println!(
                "  Organiser:       {base}/organiser#token={}",
                organiser.token
            )
        }
        None => println!("  Organiser:       {base}/organiser"),
    }
    if !access::organiser_exists(pool).await? {
        let (token, _) = access::create_setup_link(pool).await?;
        println!(
            "  Organiser setup: {} (one use, 24 h)",
            http::setup_url(&base, &token)
        );
    }
    if let Some((event, venue)) = first {
        let mut conn = pool.acquire().await?;
        let (event, venue_id) = (
            baodao_core::EventId(event as u32),
            baodao_core::VenueId(venue as u32),
        );
        // The poster's signed code; e2e tests read this line, keep its format.
        let code = keys::poster_code(&mut conn, event, venue_id).await?;
        let short: Option<String> =
            sqlx::query_scalar("SELECT short_code FROM venues WHERE id = $1")
                .bind(venue)
                .fetch_one(&mut *conn)
                .await?;
        match &demo {
            Some((_, lead)) => {
                println!(
                    "  Venue lead:      {base}/lead/{venue}#token={}",
                    lead.token
                )
            }
            None => println!("  Venue lead:      {base}/lead/{venue} (needs an invite)"),
        }
        println!(
            "  Venue check-in:  {}",
            baodao_core::venue_link::checkin_url(&base, &code)
        );
        println!("  Venue QR (SVG):  {base}/api/venues/{venue}/qr.svg");
        // public/embed-example.html embeds the venue named by its fragment.
        println!("  Embed example:   {base}/embed-example.html#{code}");
        if let Some(short) = short {
            println!("  Short code:      {short}");
        }
    } else {
        println!("  (no venues yet: start with --seed-demo for a demo event)");
    }
    Ok(())
}
