//! The `yanbao` command: parses the command line, runs the library, prints errors with context.

mod cli;

use clap::Parser;
use cli::{Cli, Command};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use yanbao::error::{Diagnostic, Error};

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            root,
            output,
            base_url,
        } => {
            let opts = yanbao::BuildOptions {
                root: root.clone(),
                base_url,
                live_reload: false,
            };
            match yanbao::build(&opts, output) {
                Ok(s) => {
                    print_diagnostics(&root, &s.warnings);
                    println!(
                        "Built {} pages, {} charts, {} files in {} ms",
                        s.pages, s.charts, s.files, s.elapsed_ms
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(
                    &root,
                    &e,
                    "Build failed; the previous output was left untouched.",
                ),
            }
        }
        Command::Serve {
            root,
            port,
            bind,
            open,
            poll,
        } => {
            let opts = yanbao::serve::ServeOptions {
                root: root.clone(),
                port,
                bind,
                open,
                poll,
            };
            match yanbao::serve::run(&opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&root, &e, "Could not start the preview server."),
            }
        }
        Command::Check { root, strict } => match yanbao::check::check(&root) {
            Ok(report) => {
                print_diagnostics(&root, &report.problems);
                let (errors, warnings) = (report.errors(), report.warnings());
                eprintln!("{errors} error(s), {warnings} warning(s)");
                if errors > 0 || (strict && warnings > 0) {
                    ExitCode::FAILURE
                } else {
                    ExitCode::SUCCESS
                }
            }
            Err(e) => fail(&root, &e, "Check failed."),
        },
        Command::New { what, root } => {
            let what = match what {
                cli::NewWhat::Report { slug } => yanbao::scaffold::What::Report(slug),
                cli::NewWhat::Chapter { path } => match path.split_once('/') {
                    Some((report, slug)) => yanbao::scaffold::What::Chapter {
                        report: report.to_string(),
                        slug: slug.to_string(),
                    },
                    None => {
                        eprintln!("error: `{path}` is not REPORT/SLUG\n  = help: write the report's folder name, a slash and the chapter's name, such as aigc-2025/outlook");
                        return ExitCode::FAILURE;
                    }
                },
                cli::NewWhat::Chart { path, kind } => match path.split_once('/') {
                    Some((report, id)) => yanbao::scaffold::What::Chart {
                        report: report.to_string(),
                        id: id.to_string(),
                        kind,
                    },
                    None => {
                        eprintln!("error: `{path}` is not REPORT/ID\n  = help: write the report's folder name, a slash and the chart's id, such as aigc-2025/market-size");
                        return ExitCode::FAILURE;
                    }
                },
            };
            match yanbao::scaffold::new(&root, &what, &yanbao::scaffold::today()) {
                Ok(files) => {
                    for f in &files {
                        println!("created {}", root.join(f).display());
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&root, &e, "Nothing was created."),
            }
        }
        Command::Init { dir, eject } => match yanbao::init::init(&dir, eject) {
            Ok(n) => {
                println!(
                    "Created {} with {n} files. Next: yanbao serve --root {}",
                    dir.display(),
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(&dir, &e, "Nothing was created."),
        },
    }
}

/// Colours a rendered diagnostic for a terminal; plain when piped or when NO_COLOR is set.
fn paint(text: &str) -> String {
    if !std::io::stderr().is_terminal() || std::env::var_os("NO_COLOR").is_some() {
        return text.to_string();
    }
    text.lines()
        .map(|l| {
            let styled = if let Some(rest) = l.strip_prefix("error:") {
                format!("\x1b[1;31merror:\x1b[0m\x1b[1m{rest}\x1b[0m")
            } else if let Some(rest) = l.strip_prefix("warning:") {
                format!("\x1b[1;33mwarning:\x1b[0m\x1b[1m{rest}\x1b[0m")
            } else if l.trim_start().starts_with("-->")
                || l.trim_start().starts_with('|')
                || l.trim_start().starts_with('^')
            {
                format!("\x1b[34m{l}\x1b[0m")
            } else if l.trim_start().starts_with("= help:") {
                format!("\x1b[36m{l}\x1b[0m")
            } else {
                l.to_string()
            };
            styled + "\n"
        })
        .collect()
}

fn print_diagnostics(root: &Path, diags: &[Diagnostic]) {
    for d in diags {
        let source = yanbao::fsx::read_text(root, &d.location.file).ok();
        eprint!("{}", paint(&d.render(source.as_deref())));
    }
}

fn fail(root: &Path, e: &Error, closing: &str) -> ExitCode {
    match e {
        Error::Content(diags) => {
            print_diagnostics(root, diags);
            if diags.len() > 1 {
                eprintln!("{} problems found", diags.len());
            }
        }
        Error::Template(report) => eprint!("{}", paint(&format!("{report}\n"))),
        other => eprint!("{}", paint(&format!("error: {other}\n"))),
    }
    eprintln!("{closing}");
    ExitCode::FAILURE
}
