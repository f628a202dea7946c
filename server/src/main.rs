use baodao_server::config::Config;
use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "baodao_server=info,tower_http=warn".into()),
        )
        .init();
    baodao_server::run(Config::parse()).await
}
