//! The first organiser, with the real binary: a server started on
//! an empty data directory prints a one-time setup link, and
//! `--organiser-link` prints a fresh one and exits; both links redeem once.

mod common;

use common::TestDb;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn server() -> Command {
    Command::new(env!("CARGO_BIN_EXE_baodao-server"))
}

/// The `bs_…` secret of the first `#setup=` link in `text`.
fn setup_secret(text: &str) -> String {
    let at = text.find("#setup=").expect("a setup link") + "#setup=".len();
    text[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}

async fn an_empty_server_prints_a_setup_link_and_the_cli_makes_another(db: TestDb) {
    // A fresh server prints its setup link among the start lines.
    let mut child = server();
    db.configure(&mut child);
    let mut child = child
        .args(["--listen", "127.0.0.1:0", "--dist"])
        .arg(db.dir())
        .stdout(Stdio::piped())
        .env("RUST_LOG", "off")
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = String::new();
    while let Some(Ok(line)) = lines.next() {
        printed.push_str(&line);
        printed.push('\n');
        if line.contains("Organiser setup:") {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let first = setup_secret(&printed);
    assert!(first.starts_with("bs_"), "{printed}");

    let mut cli = server();
    db.configure(&mut cli);
    let out = cli
        .arg("--organiser-link")
        .env("RUST_LOG", "off")
        .output()
        .unwrap();
    assert!(out.status.success());
    let second = setup_secret(&String::from_utf8(out.stdout).unwrap());
    assert_ne!(first, second);

    let pool = db.open().await;
    for link in [&first, &second] {
        baodao_server::access::redeem(&pool, link, "组织者")
            .await
            .unwrap();
        assert!(
            baodao_server::access::redeem(&pool, link, "组织者")
                .await
                .is_err(),
            "one use"
        );
    }
    assert!(baodao_server::access::organiser_exists(&pool)
        .await
        .unwrap());
}

common::backend_tests! {
    an_empty_server_prints_a_setup_link_and_the_cli_makes_another,
}
