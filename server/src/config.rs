//! Command-line and environment configuration.

use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, Parser)]
#[command(
    name = "baodao-server",
    about = "Baodao sync server and organiser/lead API"
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "BAODAO_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Directory holding the SQLite database (created if missing).
    #[arg(long, env = "BAODAO_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Public base URL of the widget, as printed in QR codes. Phones open this,
    /// so in production it is the HTTPS address behind the reverse proxy.
    /// Defaults to `http://{listen}`.
    #[arg(long, env = "BAODAO_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Directory of the built widget (trunk's output).
    #[arg(long, env = "BAODAO_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Create a demo event with a few venues when the database has no event.
    #[arg(long)]
    pub seed_demo: bool,
}

impl Config {
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.listen))
            .trim_end_matches('/')
            .to_string()
    }
}
