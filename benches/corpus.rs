//! Writes a deterministic yanbao site of N chapter pages for the scale benchmark
//! (`benches/scale.sh`): Chinese and/or English prose (~8 KB of Markdown a page), reports of a
//! configurable number of chapters, ~11 links a page (to chapters of the same report, to other
//! reports by file and by site path, one external), and a few bar charts per report.
//!
//! `cargo bench --bench corpus -- --pages 10000 --per-report 50 --langs zh,en --out DIR`
//!
//! A "page" is one chapter in one language (one Markdown file, one HTML page): 10,000 pages in
//! zh,en are 5,000 chapters. The prose of a chapter depends only on the seed and its global
//! number, not on how chapters are grouped, so corpora that differ only in `--per-report` hold
//! the same text. Every link resolves and every chart is shown once, so the build must succeed.

#[path = "corpus/prose.rs"]
mod prose;

use clap::Parser;
use prose::{Lang, Rng};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Command line of the generator.
#[derive(Parser)]
struct Args {
    /// Chapter pages in total (chapters × languages).
    #[arg(long, default_value_t = 1000)]
    pages: usize,
    /// Chapters per report (the last report may have fewer).
    #[arg(long, default_value_t = 50)]
    per_report: usize,
    /// Site languages, default first; the generator writes `zh` and `en`.
    #[arg(long, default_value = "zh,en", value_delimiter = ',')]
    langs: Vec<String>,
    /// Bar charts per report, each shown in one chapter and referred to from the others.
    #[arg(long, default_value_t = 3)]
    charts: usize,
    /// Approximate Markdown bytes per page.
    #[arg(long, default_value_t = 8000)]
    page_bytes: usize,
    /// Links per page.
    #[arg(long, default_value_t = 11)]
    links: usize,
    /// Seed of the text; the same arguments always give the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to create the site in (must not exist or be empty).
    #[arg(long)]
    out: PathBuf,
    /// Where `templates/`, `static/` and `content/i18n/` are copied from.
    #[arg(long, default_value = env!("CARGO_MANIFEST_DIR"))]
    theme: PathBuf,
    /// Passed by `cargo bench`; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

/// How chapters are numbered and grouped into reports.
struct Layout {
    chapters: usize,
    per_report: usize,
    reports: usize,
    langs: Vec<(String, Lang)>,
    charts: usize,
}

impl Layout {
    fn report_len(&self, r: usize) -> usize {
        self.per_report.min(self.chapters - r * self.per_report)
    }
    fn charts_in(&self, r: usize) -> usize {
        self.charts.min(self.report_len(r))
    }
    fn default_lang(&self) -> &str {
        &self.langs[0].0
    }
}

fn report_slug(r: usize) -> String {
    format!("r{r:04}")
}

fn chapter_slug(g: usize) -> String {
    format!("s{g:05}")
}

/// Sections per chapter; links point at `#sec-1` … `#sec-SECTIONS`, which every chapter has.
const SECTIONS: usize = 5;

fn main() {
    let args = Args::parse();
    if let Err(e) = run(&args) {
        eprintln!("corpus: {e}");
        std::process::exit(1);
    }
}

fn run(args: &Args) -> Result<(), String> {
    let start = Instant::now();
    let langs = args
        .langs
        .iter()
        .map(|k| Lang::from_key(k).map(|l| (k.clone(), l)))
        .collect::<Option<Vec<_>>>()
        .filter(|l| !l.is_empty())
        .ok_or("--langs takes zh, en or both (comma-separated)")?;
    if args.per_report == 0 || args.pages < langs.len() {
        return Err("--per-report must be ≥ 1 and --pages ≥ the number of languages".into());
    }
    let chapters = args.pages / langs.len();
    let layout = Layout {
        chapters,
        per_report: args.per_report,
        reports: chapters.div_ceil(args.per_report),
        langs,
        charts: args.charts,
    };
    if args.out.exists() && std::fs::read_dir(&args.out).map_err(io(&args.out))?.count() > 0 {
        return Err(format!("{} exists and is not empty", args.out.display()));
    }
    copy_theme(&args.theme, &args.out, &layout)?;
    write(&args.out.join("content/site.yaml"), &site_yaml(&layout))?;
    let mut bytes = 0;
    for r in 0..layout.reports {
        let dir = args.out.join("content/reports").join(report_slug(r));
        write(&dir.join("report.yaml"), &report_yaml(&layout, r))?;
        for c in 0..layout.charts_in(r) {
            write(
                &dir.join(format!("charts/chart-{c}.yaml")),
                &chart_yaml(&layout, r, c),
            )?;
        }
        for i in 0..layout.report_len(r) {
            let g = r * layout.per_report + i;
            for (li, (key, lang)) in layout.langs.iter().enumerate() {
                let text = chapter(args, &layout, g, li, *lang);
                bytes += text.len();
                write(
                    &dir.join(format!("chapters/{}.{key}.md", chapter_slug(g))),
                    &text,
                )?;
            }
        }
    }
    println!(
        "wrote {} pages ({} chapters × {} languages) in {} reports of ≤ {} chapters, {:.1} MB of Markdown, in {} ms",
        chapters * layout.langs.len(),
        chapters,
        layout.langs.len(),
        layout.reports,
        layout.per_report,
        bytes as f64 / 1e6,
        start.elapsed().as_millis()
    );
    Ok(())
}

/// One chapter page: front matter, an intro (with the chart this chapter shows, if any, and a
/// reference to another), SECTIONS sections with explicit ids, a list and a table, and the links.
fn chapter(args: &Args, layout: &Layout, g: usize, li: usize, lang: Lang) -> String {
    let mut text_rng = Rng::new(args.seed.wrapping_mul(1_000_003) ^ (g * 8 + li) as u64);
    let mut link_rng = Rng::new(args.seed ^ 0xC0FFEE ^ ((g as u64) << 8));
    let r = g / layout.per_report;
    let i = g % layout.per_report;
    let mut links = links(args, layout, g, li, &mut link_rng).into_iter();
    let mut md = String::with_capacity(args.page_bytes + 1024);
    let topic = lang.topic(&mut text_rng);
    let _ = write!(
        md,
        "---\ntitle: \"{}\"\norder: {}\nsummary: \"{}\"\n---\n\n{}\n\n",
        lang.chapter_title(i + 1, topic),
        i + 1,
        lang.sentence(&mut text_rng),
        lang.paragraph(&mut text_rng)
    );
    let charts = layout.charts_in(r);
    if i < charts {
        let _ = write!(md, "{{{{ chart(id=\"chart-{i}\") }}}}\n\n");
    }
    if charts > 0 {
        let id = (i + 1) % charts;
        let _ = match lang {
            Lang::Zh => write!(md, "如{{{{ ref(id=\"chart-{id}\") }}}}所示。\n\n"),
            Lang::En => write!(md, "As {{{{ ref(id=\"chart-{id}\") }}}} shows.\n\n"),
        };
    }
    for s in 1..=SECTIONS {
        let heading = lang.section_heading(s, lang.topic(&mut text_rng));
        let _ = write!(md, "## {heading} {{#sec-{s}}}\n\n");
        if s == 3 {
            let _ = write!(md, "### {}\n\n", lang.topic(&mut text_rng));
        }
        while md.len() < args.page_bytes * s / SECTIONS - 400 {
            md.push_str(&lang.paragraph(&mut text_rng));
            if let Some(link) = links.next() {
                md.push_str(&link);
            }
            md.push_str("\n\n");
        }
        match s {
            2 => (0..3).for_each(|_| {
                let _ = writeln!(md, "- {}", lang.sentence(&mut text_rng));
            }),
            4 => md.push_str("| 2023 | 2024 | 2025E |\n|---:|---:|---:|\n| 12.5 | 16.0 | 21.3 |\n"),
            _ => {}
        }
        md.push('\n');
    }
    let rest: Vec<String> = links.collect();
    if !rest.is_empty() {
        let _ = write!(md, "## {} {{#more}}\n\n", lang.topic(&mut text_rng));
        rest.iter().for_each(|l| {
            let _ = writeln!(md, "- {}", l.trim());
        });
    }
    md
}

/// The page's links as sentence tails: of every 11, six to chapters of the same report, three to
/// other reports' chapter files, one to another report by site path, one external.
fn links(args: &Args, layout: &Layout, g: usize, li: usize, rng: &mut Rng) -> Vec<String> {
    let (key, lang) = (&layout.langs[li].0, layout.langs[li].1);
    let r = g / layout.per_report;
    let len = layout.report_len(r);
    let prefix = if key == layout.default_lang() {
        String::new()
    } else {
        format!("{key}/")
    };
    (0..args.links)
        .map(|k| {
            let sec = 1 + rng.below(SECTIONS);
            let other_report = (layout.reports > 1).then(|| {
                let r2 = (r + 1 + rng.below(layout.reports - 1)) % layout.reports;
                (
                    r2,
                    r2 * layout.per_report + rng.below(layout.report_len(r2)),
                )
            });
            let dest = match (k % 11, other_report) {
                (0..=5, _) | (6..=9, None) if len > 1 => {
                    let j = r * layout.per_report
                        + (g % layout.per_report + 1 + rng.below(len - 1)) % len;
                    format!("{}.{key}.md#sec-{sec}", chapter_slug(j))
                }
                (9, Some((r2, g2))) => format!(
                    "/{prefix}{}/{}/#sec-{sec}",
                    report_slug(r2),
                    chapter_slug(g2)
                ),
                (0..=9, Some((r2, g2))) => {
                    format!(
                        "../../{}/chapters/{}.{key}.md#sec-{sec}",
                        report_slug(r2),
                        chapter_slug(g2)
                    )
                }
                _ => format!("https://example.com/research/{}", rng.below(1000)),
            };
            let text = lang.link_text(rng);
            match lang {
                Lang::Zh => format!("参见[{text}]({dest})。"),
                Lang::En => format!(" See [{text}]({dest})."),
            }
        })
        .collect()
}

/// `{zh: "…", en: "…"}` with only the site's languages (an extra language is an error).
fn loc(layout: &Layout, zh: &str, en: &str) -> String {
    let parts: Vec<String> = layout
        .langs
        .iter()
        .map(|(k, l)| format!("{k}: \"{}\"", if *l == Lang::Zh { zh } else { en }))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

fn site_yaml(layout: &Layout) -> String {
    let langs: String = layout
        .langs
        .iter()
        .map(|(k, l)| match l {
            Lang::Zh => format!("  - {{key: {k}, code: zh-CN, name: 中文}}\n"),
            Lang::En => format!("  - {{key: {k}, code: en, name: English}}\n"),
        })
        .collect();
    format!(
        "title: {}\ndescription: {}\nbase_url: https://example.org/\ndefault_language: {}\nlanguages:\n{langs}publisher:\n  name: {}\n  website: https://example.com\n",
        loc(layout, "基准研究", "Benchmark Research"),
        loc(layout, "规模基准用的生成站点", "A generated site for the scale benchmark"),
        layout.default_lang(),
        loc(layout, "基准证券", "Benchmark Securities"),
    )
}

fn report_yaml(layout: &Layout, r: usize) -> String {
    let l = |zh: &str, en: &str| loc(layout, zh, en);
    let mut y = format!(
        "title: {}\nsubtitle: {}\ndate: 2024-04-22\nsector: {}\nseries: {}\nsummary: {}\n",
        l(&format!("第{r}号报告"), &format!("Report {r}")),
        l("生成的报告", "A generated report"),
        l("互联网", "Internet"),
        l("行业趋势", "Industry trends"),
        l("生成的摘要。", "A generated summary."),
    );
    let _ = write!(
        y,
        "analysts:\n  - name: {}\n    role: {}\n    email: analyst@example.com\nkey_takeaways:\n  - title: {}\n    text: {}\n",
        l("赵丹", "Dan Zhao"),
        l("首席分析师", "Chief Analyst"),
        l("要点", "Point"),
        l("**重点。**内容", "**Bold.** text"),
    );
    if layout.charts_in(r) > 0 {
        let _ = write!(
            y,
            "headline_figures:\n  - value: {}\n    label: {}\n    source: {}\n    chart: chart-0\n",
            l("200亿元", "RMB 20bn"),
            l("市场规模", "Market size"),
            l("来源甲", "Source A"),
        );
    }
    let _ = write!(
        y,
        "risks:\n  - {}\nrelated:\n  - title: {}\n    date: 2023-02-14\nrating_definitions:\n  stock:\n    - rating: {}\n      definition: {}\ndisclosures:\n  - title: {}\n    body: {}\n",
        l("监管", "Regulation"),
        l("旧报告", "Older report"),
        l("买入", "Buy"),
        l("跑赢行业", "Beats the sector"),
        l("非投资建议", "Not investment advice"),
        l("仅供参考。", "For information only."),
    );
    y
}

/// A minimal bar chart in the schema of `tests/fixtures/mini/content/reports/alpha/charts/`.
/// If the chart schema changes, this is the one place to adjust.
fn chart_yaml(layout: &Layout, r: usize, c: usize) -> String {
    let points: String = (0..4)
        .map(|k| {
            format!(
                "      - {{value: {}}}\n",
                10 + (r * 7 + c * 13 + k * 5) % 90
            )
        })
        .collect();
    format!(
        "kind: bar\ntitle: {}\nunit: {}\ncategories: [\"2022\", \"2023\", \"2024\", \"2025\"]\nseries:\n  - name: {}\n    points:\n{points}source: {}\n",
        loc(layout, &format!("图表{c}"), &format!("Chart {c}")),
        loc(layout, "亿元", "RMB 100m"),
        loc(layout, "规模", "Size"),
        loc(layout, "来源甲", "Source A"),
    )
}

/// Copies `templates/`, `static/` and the site languages' `content/i18n/` from the repository.
fn copy_theme(theme: &Path, out: &Path, layout: &Layout) -> Result<(), String> {
    for dir in ["templates", "static"] {
        copy_dir(&theme.join(dir), &out.join(dir))?;
    }
    for (key, _) in &layout.langs {
        let rel = format!("content/i18n/{key}.yaml");
        let text = std::fs::read_to_string(theme.join(&rel)).map_err(io(&theme.join(&rel)))?;
        write(&out.join(rel), &text)?;
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(io(to))?;
    for entry in std::fs::read_dir(from).map_err(io(from))? {
        let path = entry.map_err(io(from))?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(io(&path))?;
        }
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    std::fs::write(path, text).map_err(io(path))
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}
