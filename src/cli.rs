//! The command line.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// yanbao builds bilingual research microsites with build-time SVG charts from Markdown and YAML.
#[derive(Debug, Parser)]
#[command(name = "yanbao", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// What `yanbao new` creates.
#[derive(Debug, Subcommand)]
pub enum NewWhat {
    /// A report: content/reports/SLUG/ with its manifest and a first chapter in every language.
    Report {
        /// Folder name of the report, which is its URL slug (e.g. aigc-2025).
        slug: String,
    },
    /// A chapter of a report, in every language, ordered after the last one.
    Chapter {
        /// REPORT/SLUG, e.g. aigc-2025/outlook.
        path: String,
    },
    /// A chart of a report: a spec of the kind given with every field it needs, placeholder
    /// data and texts in every language.
    Chart {
        /// REPORT/ID, e.g. aigc-2025/market-size.
        path: String,
        /// Chart kind: bar, hbar, stacked, stacked100, bounds, timeline, line, pie, donut,
        /// groups or shifts.
        #[arg(long)]
        kind: String,
    },
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (replaced atomically; the old one stays on failure).
    Build {
        /// Site folder holding content/, templates/ and static/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Absolute URL the site will be served from, e.g. https://example.org/research/aigc/;
        /// overrides base_url in content/site.yaml. Every internal link is made under its path.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Serve the site with live reload while you edit: rebuilds on every change to content/,
    /// templates/ or static/ and refreshes open pages; a failed rebuild keeps the last good site
    /// and shows the error in the page.
    Serve {
        /// Site folder holding content/, templates/ and static/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; keep the default unless other machines must reach the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in a browser once it is served.
        #[arg(long)]
        open: bool,
        /// Poll for changes instead of using native file events (for network or container
        /// file systems where saves go unnoticed).
        #[arg(long)]
        poll: bool,
    },
    /// Report every problem at once (broken links and anchors, unknown embeds, missing
    /// translations, bad chart data) without writing anything. Exit 1 on any error.
    Check {
        /// Site folder holding content/, templates/ and static/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Scaffold a report, a chapter or a chart in every language of the site, ready to build.
    New {
        /// What to create.
        #[command(subcommand)]
        what: NewWhat,
        /// Site folder holding content/.
        #[arg(long, default_value = ".", global = true)]
        root: PathBuf,
    },
    /// Create a new site that builds at once: one report, two chapters in Chinese and English
    /// and one chart; the theme is built in (`--eject` writes a copy of it to edit).
    Init {
        /// Folder to create (must be empty or absent).
        dir: PathBuf,
        /// Also write a copy of the built-in theme (templates, styles, interface strings) to edit.
        #[arg(long)]
        eject: bool,
    },
}
