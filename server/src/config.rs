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

    /// Directory holding the SQLite database (created if missing). Not used
    /// when `DATABASE_URL` names a PostgreSQL database.
    #[arg(long, env = "BAODAO_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// PostgreSQL instead of SQLite: `postgres://user:password@host:5432/db`
    /// (`?sslmode=require` for TLS). Several servers may share one database
    /// behind a load balancer (docs/deploy.md).
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,

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

    /// WeChat official account app id, for WeChat's scanner inside WeChat
    /// (`GET /api/wechat/jsconfig`). Without it (and the secret) the widget
    /// uses the camera in WeChat too. The public URL's domain must be set as
    /// the account's "JS接口安全域名".
    #[arg(long, env = "BAODAO_WECHAT_APP_ID", requires = "wechat_app_secret")]
    pub wechat_app_id: Option<String>,

    /// The official account's AppSecret (keep it out of shell history: use
    /// the environment variable).
    #[arg(
        long,
        env = "BAODAO_WECHAT_APP_SECRET",
        hide_env_values = true,
        requires = "wechat_app_id"
    )]
    pub wechat_app_secret: Option<String>,

    /// WeChat's API base URL (tests point it at a local stub).
    #[arg(long, env = "BAODAO_WECHAT_API_BASE", default_value = crate::wechat::DEFAULT_API_BASE)]
    pub wechat_api_base: String,

    /// Print a one-time organiser setup link (valid 24 h) and exit: for the
    /// first organiser on a server that already started, or another one.
    #[arg(long)]
    pub organiser_link: bool,

    /// Behind a reverse proxy: take the client address (for rate limits)
    /// from the last `X-Forwarded-For` hop. Only set it when the proxy
    /// always sets that header, or clients can pick their address.
    /// `BAODAO_TRUST_FORWARDED_FOR=1` (or true/yes/on) as docs/deploy.md
    /// says; clap's default for a flag would take only true/false.
    #[arg(long, env = "BAODAO_TRUST_FORWARDED_FOR", value_parser = clap::builder::BoolishValueParser::new())]
    pub trust_forwarded_for: bool,

    /// Origins allowed to show the widget in an iframe (`public/embed.js`),
    /// space-separated, e.g. `https://www.example.gov.cn https://example.org`.
    /// Sent as `Content-Security-Policy: frame-ancestors 'self' …` on HTML.
    #[arg(long, env = "BAODAO_FRAME_ANCESTORS", default_value = "", value_parser = parse_frame_ancestors)]
    pub frame_ancestors: FrameAncestors,
}

/// Checked origins for `frame-ancestors`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrameAncestors(pub Vec<String>);

/// Space-separated `scheme://host[:port]` origins; anything else (paths,
/// quotes, `*`, semicolons) is refused so the header cannot be widened.
pub fn parse_frame_ancestors(s: &str) -> Result<FrameAncestors, String> {
    let mut out = Vec::new();
    for o in s.split_whitespace() {
        // Hosts may hold characters that end a CSP source (`;`, `,`): refuse.
        if !o
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.:/[]".contains(c))
        {
            return Err(format!(
                "{o}: not an origin (use punycode for non-ASCII hosts)"
            ));
        }
        let url = reqwest::Url::parse(o).map_err(|e| format!("{o}: {e}"))?;
        let origin = url.origin();
        if !matches!(url.scheme(), "http" | "https") || !origin.is_tuple() {
            return Err(format!("{o}: not an http(s) origin"));
        }
        let canonical = origin.ascii_serialization();
        if o.trim_end_matches('/') != canonical {
            return Err(format!("{o}: give only the origin, e.g. {canonical}"));
        }
        out.push(canonical);
    }
    Ok(FrameAncestors(out))
}

impl Config {
    /// Where the data lives: PostgreSQL if `DATABASE_URL` is set, else
    /// SQLite in the data directory.
    pub fn database(&self) -> anyhow::Result<crate::db::Location> {
        crate::db::Location::from_settings(&self.data_dir, self.database_url.as_deref())
    }

    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.listen))
            .trim_end_matches('/')
            .to_string()
    }

    /// The WeChat JS-SDK signer, if an app id and secret are configured.
    pub fn wechat(&self) -> anyhow::Result<Option<crate::wechat::WeChat>> {
        match (&self.wechat_app_id, &self.wechat_app_secret) {
            (Some(id), Some(secret)) if !id.is_empty() && !secret.is_empty() => Ok(Some(
                crate::wechat::WeChat::new(id.clone(), secret.clone(), &self.wechat_api_base)?,
            )),
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trust_forwarded_for_takes_1_as_the_docs_say() {
        // The only test that reads this variable.
        let parse = |v: &str| {
            std::env::set_var("BAODAO_TRUST_FORWARDED_FOR", v);
            let parsed = Config::try_parse_from(["baodao-server"]).map(|c| c.trust_forwarded_for);
            std::env::remove_var("BAODAO_TRUST_FORWARDED_FOR");
            parsed
        };
        assert!(parse("1").unwrap());
        assert!(parse("true").unwrap());
        assert!(!parse("0").unwrap());
        assert!(parse("maybe").is_err());
        assert!(
            !Config::try_parse_from(["baodao-server"])
                .unwrap()
                .trust_forwarded_for
        );
        assert!(
            Config::try_parse_from(["baodao-server", "--trust-forwarded-for"])
                .unwrap()
                .trust_forwarded_for
        );
    }

    #[test]
    fn frame_ancestors_are_origins_only() {
        assert_eq!(parse_frame_ancestors("").unwrap().0, Vec::<String>::new());
        assert_eq!(
            parse_frame_ancestors(" https://a.example.cn  http://127.0.0.1:9000/ ")
                .unwrap()
                .0,
            vec!["https://a.example.cn", "http://127.0.0.1:9000"]
        );
        for bad in [
            "*",
            "https://a.cn/path",
            "'unsafe-inline'",
            "https://a.cn;script-src",
            "data:x",
            "a.cn",
        ] {
            assert!(parse_frame_ancestors(bad).is_err(), "{bad}");
        }
    }
}
