//! yanbao turns a research report written as Markdown and YAML into a bilingual microsite.
//!
//! The build is a chain of values, each step in its own module:
//! 1. [`config`] loads and validates `content/site.yaml`;
//! 2. [`content`] loads reports, chapters, charts and interface strings into an immutable [`content::Site`];
//! 3. [`render`] turns the site and the [`templates`] into a list of output files (pure, no disk);
//! 4. [`output`] writes them into the output folder atomically, with `static/`.

pub mod charts;
pub mod check;
pub mod config;
pub mod content;
pub mod error;
pub mod escape;
pub mod fsx;
pub mod init;
pub mod localized;
pub mod markdown;
pub mod output;
pub mod pageindex;
pub mod render;
pub mod serve;
pub mod templates;
pub mod urls;
pub mod views;
pub mod yamlx;

use error::{Diagnostic, Result};
use std::path::PathBuf;
use std::time::Instant;

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holding content/, templates/, static/).
    pub root: PathBuf,
    /// Base URL overriding the one in `site.yaml`.
    pub base_url: Option<String>,
    /// Inject the live-reload script (serve mode only).
    pub live_reload: bool,
}

/// A site built in memory.
#[derive(Debug, Clone)]
pub struct Built {
    /// The loaded site.
    pub site: content::Site,
    /// Rendered files.
    pub rendered: render::RenderedSite,
}

/// Load → validate → render, without touching the output folder.
pub fn build_in_memory(opts: &BuildOptions) -> Result<Built> {
    let config = config::Config::load(&opts.root, opts.base_url.as_deref())?;
    let site = content::load(&opts.root, config)?;
    let templates = templates::Templates::load(&opts.root)?;
    let render_opts = render::RenderOptions {
        live_reload: opts.live_reload,
    };
    let rendered = render::site(&site, &templates, &render_opts)?;
    Ok(Built { site, rendered })
}

/// What a build did, for the one-line summary.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// HTML pages written.
    pub pages: usize,
    /// Charts rendered (counting each language).
    pub charts: usize,
    /// Files written, static files included.
    pub files: usize,
    /// Wall time in milliseconds.
    pub elapsed_ms: u128,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site under `opts.root` into `output` (default `ROOT/public`).
pub fn build(opts: &BuildOptions, output: Option<PathBuf>) -> Result<BuildSummary> {
    let start = Instant::now();
    let out = output.unwrap_or_else(|| opts.root.join("public"));
    output::check_output_dir(&opts.root, &out)?;
    let built = build_in_memory(opts)?;
    let files = output::write(
        &opts.root,
        &built.site.static_files,
        &built.rendered.files,
        &out,
    )?;
    Ok(BuildSummary {
        pages: built.rendered.pages,
        charts: built.rendered.charts,
        files,
        elapsed_ms: start.elapsed().as_millis(),
        warnings: built.rendered.warnings,
    })
}
