//! `qr-bench DIR [DIR...]`: scores the shipped decoder on folders of
//! `<id>.png` (+ `<id>.txt` with the exact expected text) and prints one line
//! per folder.
//!
//! Release builds of this workspace use `panic = "abort"` (as the widget
//! ships), so a panic cannot be caught in-process. The images are therefore
//! decoded in a child process (this binary with `--worker`); when the child
//! dies, the image it was on counts as a panic and a new child resumes after it.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use baodao_qr::corpus::{self, Case, Tally};

const WORKER_FLAG: &str = "--worker";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(WORKER_FLAG) {
        worker(&args[1..]);
        return ExitCode::SUCCESS;
    }
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("usage: qr-bench DIR [DIR...]");
        return ExitCode::from(2);
    }
    let mut status = ExitCode::SUCCESS;
    for dir in &args {
        match bench_dir(Path::new(dir)) {
            Ok(tally) => println!("qr-bench {dir}: {tally}"),
            Err(err) => {
                eprintln!("qr-bench {dir}: {err}");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}

fn bench_dir(dir: &Path) -> Result<Tally, String> {
    let cases = corpus::cases(dir).map_err(|e| e.to_string())?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut tally = Tally::default();
    let mut next = 0;
    while next < cases.len() {
        let mut child = Command::new(&exe)
            .arg(WORKER_FLAG)
            .args(cases[next..].iter().map(|c| &c.png))
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start worker: {e}"))?;
        let stdout = child.stdout.take().ok_or("worker has no stdout")?;
        let mut panicked = false;
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|e| e.to_string())?;
            let Some(case) = cases.get(next) else { break };
            if line == "panic" {
                panicked = true;
            } else if let Some(rest) = line.strip_prefix("done\t") {
                if panicked {
                    tally.record_panic(case);
                } else {
                    let (ms, texts) = parse_done(rest)?;
                    tally.record(case, &texts, ms);
                }
                panicked = false;
                next += 1;
            } else if let Some(msg) = line.strip_prefix("error\t") {
                eprintln!("qr-bench: skipping unreadable image {msg}");
                tally.record(case, &[], 0.0);
                next += 1;
            }
        }
        let _ = child.wait();
        if let Some(case) = cases.get(next) {
            // The worker died mid-image: that image brought it down.
            tally.record_panic(case);
            next += 1;
        }
    }
    Ok(tally)
}

/// Texts travel hex-encoded so that newlines and tabs inside QR payloads
/// cannot break the line protocol.
fn parse_done(rest: &str) -> Result<(f64, Vec<String>), String> {
    let mut fields = rest.split('\t');
    let ms = fields
        .next()
        .and_then(|f| f.parse().ok())
        .ok_or("bad worker line")?;
    let texts = fields
        .filter(|f| !f.is_empty())
        .map(|hex| {
            let bytes: Option<Vec<u8>> = (0..hex.len())
                .step_by(2)
                .map(|i| {
                    hex.get(i..i + 2)
                        .and_then(|b| u8::from_str_radix(b, 16).ok())
                })
                .collect();
            bytes
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| "bad text from worker".to_string())
        })
        .collect::<Result<_, _>>()?;
    Ok((ms, texts))
}

fn worker(pngs: &[String]) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "panic");
        let _ = out.flush();
        previous(info);
    }));
    for png in pngs {
        let case = Case {
            png: PathBuf::from(png),
            expected: None,
        };
        let line = match corpus::decode_case(&case) {
            Ok((texts, ms)) => {
                let hex: Vec<String> = texts
                    .iter()
                    .map(|t| t.bytes().map(|b| format!("{b:02x}")).collect())
                    .collect();
                format!("done\t{ms}\t{}", hex.join("\t"))
            }
            Err(err) => format!("error\t{err}"),
        };
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    }
}
