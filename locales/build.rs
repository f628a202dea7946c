//! Copies the Fluent files into OUT_DIR without their comments and blank
//! lines, for `include_str!`: the comments are for translators, and every
//! byte of `widget.ftl` is in a volunteer's first-screen download. What is
//! left is still Fluent, read alike.

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").unwrap();
    for lang in ["zh-CN", "en"] {
        println!("cargo:rerun-if-changed={lang}");
        std::fs::create_dir_all(Path::new(&out).join(lang)).unwrap();
        for file in ["widget.ftl", "console.ftl", "scan.ftl"] {
            let path = Path::new(lang).join(file);
            let source = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let messages: String = source
                .lines()
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .flat_map(|line| [line, "\n"])
                .collect();
            std::fs::write(Path::new(&out).join(&path), messages).unwrap();
        }
    }
}
