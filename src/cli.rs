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
}
