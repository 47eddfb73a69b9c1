//! Timing of the Markdown pass on large generated chapters; run with
//! `cargo bench --bench markdown [-- SCALE]` (SCALE 1.0 = the sizes of issues 9 and 11).
//!
//! Each case renders a chapter with a feature (links, soft breaks, identical headings) and the
//! same chapter without it; a linear pass keeps the ratio small. The last case compares the whole
//! pass with pulldown-cmark alone on a realistic chapter. Not a test: timings are printed, never
//! asserted.
//!
//! On a shared machine wall-clock timings are noisy; instruction counts are not. Measured with
//! `valgrind --tool=callgrind` on the same inputs (millions of instructions, text generation
//! subtracted; pass / pulldown-cmark alone):
//!
//! | input                      | with feature   | without        | pass with/without |
//! |----------------------------|----------------|----------------|-------------------|
//! | 20k links (2 MB)           | 296.2 / 88.1   | 147.4 / 46.8   | 2.0x              |
//! | 100k soft breaks           | 360.7 / 113.9  | 48.9 / 15.2    | 7.4x (pulldown-cmark alone 7.5x) |
//! | 20k identical headings     | 330.0 / 81.9   | 301.7 / 82.3   | 1.09x             |
//! | realistic chapter, 0.66 MB | 206.1 / 67.4 (3.06x; 239.3 before the last tuning) | | |

use pulldown_cmark::{html, Options, Parser};
use std::path::Path;
use std::time::{Duration, Instant};
use yanbao::markdown::{render, Context};

fn context_render(text: &str) -> usize {
    let links = |d: &str, _line: usize| -> Result<String, String> { Ok(format!("/{d}")) };
    let ctx = Context {
        file: Path::new("bench.md"),
        first_line: 1,
        links: &links,
        reserved_ids: &[],
        cjk_lang: None,
        chinese: true,
    };
    render(text, &ctx).html.len()
}

fn pulldown_only(text: &str) -> usize {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(text, opts));
    out.len()
}

/// Best of `runs` timings.
fn time(runs: usize, f: impl Fn() -> usize) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn lines(n: usize, f: impl Fn(usize) -> String) -> String {
    (0..n).map(f).collect()
}

fn case(name: &str, with: &str, without: &str) {
    // Best of three (one run for inputs over 10 MB): other processes share the machine.
    let runs = if with.len() > 10_000_000 { 1 } else { 3 };
    let a = time(runs, || context_render(with));
    let b = time(runs, || context_render(without));
    let p = time(runs, || pulldown_only(with));
    println!(
        "{name:<30} {:>5.1} MB  with {:>8.3} s  without {:>8.3} s  ratio {:>6.2}  (pulldown-cmark alone on it {:.3} s)",
        with.len() as f64 / 1e6,
        a.as_secs_f64(),
        b.as_secs_f64(),
        a.as_secs_f64() / b.as_secs_f64().max(1e-9),
        p.as_secs_f64(),
    );
}

/// A paragraph of the default report's kind: Chinese with bold, Latin words, a link.
fn realistic(i: usize) -> String {
    format!(
        "## 第{i}节 Section {i}\n\n**更加关注应用场景落地。**AIGC 产品应用落地，国内现阶段\n\
         B端变现模式更为清晰，见[概览](overview.zh.md)与 *open-source* models `code {i}`。\n\
         Market size reached RMB 1tn by 2030, up 35% a year.\n\n- 要点一\n- 要点二\n\n\
         | 年份 | 规模 |\n|---|---|\n| 2024 | {i} |\n\n"
    )
}

fn main() {
    let scale: f64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1.0);
    let n = |base: usize| ((base as f64 * scale) as usize).max(1);
    let filler = "Text of a chapter that goes on for a while, about one hundred bytes long here.";
    case(
        "20k links in 2 MB",
        &lines(n(20_000), |i| format!("{filler} [link {i}](b{i}.md)\n")),
        &lines(n(20_000), |i| format!("{filler}  link {i}  b{i}.md \n")),
    );
    case(
        "100k soft breaks",
        &lines(n(100_000), |i| format!("word {i}\n")),
        &lines(n(100_000), |i| format!("word {i} ")),
    );
    case(
        "20k identical headings",
        &lines(n(20_000), |_| "## Same\n\ntext\n\n".to_string()),
        &lines(n(20_000), |i| format!("## S{i:04}\n\ntext\n\n")),
    );
    case(
        "20k embeds in one paragraph",
        &format!(
            "{}\n",
            lines(n(20_000), |_| "{{ ref(id=\"a\") }} ".to_string())
        ),
        &lines(n(20_000), |_| "{{ ref(id=\"a\") }}\n\n".to_string()),
    );
    case(
        "50 MB, a link on every line",
        &lines(n(500_000), |i| format!("{filler} [x](a{i}.md)\n\n")),
        &lines(n(500_000), |i| format!("{filler}  x  a{i}.md \n\n")),
    );
    let chapter = lines(n(20_000), realistic);
    let full = time(3, || context_render(&chapter));
    let alone = time(3, || pulldown_only(&chapter));
    println!(
        "realistic chapter {:>6.1} MB: pass {:.3} s, pulldown-cmark alone {:.3} s, ratio {:.2}",
        chapter.len() as f64 / 1e6,
        full.as_secs_f64(),
        alone.as_secs_f64(),
        full.as_secs_f64() / alone.as_secs_f64()
    );
}
