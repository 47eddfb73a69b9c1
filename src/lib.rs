//! yanbao turns a research report written as Markdown and YAML into a bilingual microsite.
//!
//! The build is a chain of values, each step in its own module:
//! 1. [`config`] loads and validates `content/site.yaml`;
//! 2. [`content`] loads reports, chapters, charts and interface strings into an immutable [`content::Site`];
//! 3. [`render`] turns the site and the [`templates`] into a list of output files (pure, no disk);
//! 4. [`output`] writes them into the output folder atomically, with `static/`.

pub mod charts;
pub mod config;
pub mod content;
pub mod error;
pub mod fsx;
pub mod localized;
pub mod markdown;
pub mod urls;
pub mod yamlx;
