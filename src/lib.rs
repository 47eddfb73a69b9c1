//! yanbao turns a research report written as Markdown and YAML into a bilingual microsite.
//!
//! The build is a chain of values, each step in its own module:
//! 1. [`config`] loads and validates `content/site.yaml`;
//! 2. [`content`] loads reports, chapters, charts and interface strings into an immutable [`content::Site`];
//! 3. [`render`] turns the site and the [`templates`] into output files, reports in parallel,
//!    handing each file to a sink as soon as it is made, and checks the pages' links and ids
//!    through one [`pageindex`];
//! 4. [`output`] is that sink for a build: a staging folder (with `static/` copied in) swapped
//!    into place atomically once everything succeeded;
//! 5. [`search`] indexes the rendered pages in-process, from the staging folder, before the swap;
//!    in a build it reads the links and ids of the pages it indexes in the same pass, for the
//!    checks of step 3, which then run after it ([`render::Sink::reads_later`]).

pub mod charts;
pub mod check;
pub mod config;
pub mod content;
pub mod error;
pub mod escape;
pub mod fsx;
pub mod init;
pub mod langtag;
pub mod localized;
pub mod markdown;
pub mod memory;
pub mod output;
pub mod pageindex;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod templates;
pub mod theme;
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
    /// What rendering found.
    pub rendered: render::RenderedSite,
    /// Every generated file, sorted by path.
    pub files: Vec<render::OutputFile>,
}

/// The loaded inputs of a build: site content and templates.
fn load(opts: &BuildOptions) -> Result<(content::Site, templates::Templates)> {
    let config = config::Config::load(&opts.root, opts.base_url.as_deref())?;
    let site = content::load(&opts.root, config)?;
    let templates = templates::Templates::load(&opts.root)?;
    Ok((site, templates))
}

fn render_options(opts: &BuildOptions) -> render::RenderOptions {
    render::RenderOptions {
        live_reload: opts.live_reload,
        raster: None,
    }
}

/// Load → validate → render, keeping the files in memory (for `serve` and `check`).
pub fn build_in_memory(opts: &BuildOptions) -> Result<Built> {
    let (site, templates) = load(opts)?;
    let sink = render::Collect::default();
    let mut rendered = render::site(&site, &templates, &render_options(opts), &sink)?;
    let mut files = sink.into_files();
    let index = search::Plan::new(&site)
        .index(&files, &|| false)?
        .unwrap_or_default();
    add_index(&mut rendered, index, |f| {
        files.push(f);
        Ok(())
    })?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Built {
        site,
        rendered,
        files,
    })
}

/// Hands the search index's files to `put` and adds their paths to `rendered`.
fn add_index(
    rendered: &mut render::RenderedSite,
    index: Vec<render::OutputFile>,
    mut put: impl FnMut(render::OutputFile) -> Result<()>,
) -> Result<()> {
    for f in index {
        rendered.paths.push(f.path.clone());
        put(f)?;
    }
    rendered.paths.sort();
    Ok(())
}

/// A site built for the preview, reusing the previous build's loaded site and reports where they
/// did not change. Its search index is left to the caller ([`render::Incremental::search`]).
/// A cache serves one set of options: a change of base URL starts from scratch.
pub fn build_incremental(
    opts: &BuildOptions,
    cache: &mut render::UnitCache,
    changed: &render::Changed,
) -> Result<render::Incremental> {
    // The shapes of the touched reports before they load again: what narrows a change to the
    // languages of the chapter files that changed (none when the site loads afresh).
    let mut shapes = std::collections::HashMap::new();
    let loaded = match (changed, cache.take_loaded(opts.base_url.as_deref())) {
        (render::Changed::Reports(touched), Some((site, templates))) => {
            shapes = changed.shapes(&site);
            let slugs = touched.keys().cloned().collect();
            content::reload(&opts.root, site, &slugs).map(|site| (site, templates))
        }
        _ => load(opts),
    };
    // Files that do not load may have changed in reports the cache holds: start afresh.
    let (site, templates) = loaded.inspect_err(|_| *cache = render::UnitCache::default())?;
    let changed = changed.clone().narrowed(&shapes, &site);
    let built = render::site_incremental(&site, &templates, &render_options(opts), cache, &changed);
    // Kept even when rendering failed: the site is what the files say, whatever its links.
    cache.keep_loaded(opts.base_url.clone(), site, templates);
    built
}

/// The staging folder as a build's sink, telling the render which pages the search index
/// reads (see [`render::Sink::reads_later`]).
struct IndexedLater<'a> {
    staging: &'a output::Staging,
    plan: &'a search::Plan,
}

impl render::Sink for IndexedLater<'_> {
    fn put(&self, file: render::OutputFile) -> Result<()> {
        self.staging.put(file)
    }

    fn reads_later(&self, path: &str) -> bool {
        self.plan.indexes(path)
    }
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

/// Builds the site under `opts.root` into `output` (default `ROOT/public`): load → validate →
/// render, each file written into a staging folder as soon as it is rendered, and the staging
/// folder swapped in only if the whole build succeeded.
pub fn build(opts: &BuildOptions, output: Option<PathBuf>) -> Result<BuildSummary> {
    let start = Instant::now();
    let out = output.unwrap_or_else(|| opts.root.join("public"));
    output::check_output_dir(&opts.root, &out)?;
    // Before loading, so a second build into the same folder stops at once.
    let lock = output::lock(&out)?;
    let (site, templates) = load(opts)?;
    let staging = output::Staging::begin(&opts.root, &site.static_files, &out, lock)?;
    // Only a build writes PNGs; it may reuse the previous output's (see charts::raster).
    let raster = charts::raster::Raster::system().reusing(&out);
    let render_opts = render::RenderOptions {
        raster: Some(raster.clone()),
        ..render_options(opts)
    };
    // The search index reads every page it indexes anyway: it reads their links and ids in the
    // same pass, for the checks, instead of the render reading them once more.
    let plan = search::Plan::new(&site);
    let sink = IndexedLater {
        staging: &staging,
        plan: &plan,
    };
    let mut index = Vec::new();
    let mut later = |written: &[&str]| {
        let put = |f| render::Sink::put(&staging, f);
        let (files, pages) =
            plan.index_dir_and_pages(staging.dir(), written.iter().copied(), &put)?;
        index = files;
        Ok(pages)
    };
    let mut rendered = render::site_then(&site, &templates, &render_opts, &sink, &mut later)?;
    rendered.paths.extend(index);
    rendered.paths.sort();
    rendered.warnings.extend(raster.font_warning(&out));
    let files = staging.written() - 1; // the marker is not the author's
    staging.commit()?;
    Ok(BuildSummary {
        pages: rendered.pages,
        charts: rendered.charts,
        files,
        elapsed_ms: start.elapsed().as_millis(),
        warnings: rendered.warnings,
    })
}
