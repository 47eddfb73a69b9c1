//! The floor of the scale benchmark: what any Markdown site generator must at least do with a
//! yanbao site — read every chapter, drop its front matter, render it with pulldown-cmark (the
//! options yanbao uses) on every core, and write one HTML file per page. No templates, no links,
//! no charts. `cargo bench --bench floor -- SITE OUT` (OUT must not exist).

use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let start = std::time::Instant::now();
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [site, out] = args.as_slice() else {
        return Err("usage: floor SITE OUT".into());
    };
    let mut pages: Vec<(PathBuf, PathBuf)> = Vec::new();
    for report in std::fs::read_dir(Path::new(site).join("content/reports"))? {
        let report = report?.path();
        let dir = Path::new(out).join(report.file_name().ok_or("bad report folder")?);
        std::fs::create_dir_all(&dir)?;
        for md in std::fs::read_dir(report.join("chapters"))? {
            let md = md?.path();
            pages.push((
                dir.join(md.with_extension("html").file_name().ok_or("bad name")?),
                md,
            ));
        }
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    pages.par_iter().try_for_each(|(html_path, md)| {
        let text = std::fs::read_to_string(md)?;
        let body = text.splitn(3, "---\n").nth(2).unwrap_or(&text);
        let mut page = String::with_capacity(body.len() * 3 / 2);
        html::push_html(&mut page, Parser::new_ext(body, options));
        std::fs::write(html_path, page)
    })?;
    println!(
        "floor: {} pages in {} ms",
        pages.len(),
        start.elapsed().as_millis()
    );
    Ok(())
}
