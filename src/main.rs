//! The `yanbao` command: parses the command line, runs the library, prints errors with context.

mod cli;

use clap::Parser;
use cli::{Cli, Command};
use std::path::Path;
use std::process::ExitCode;
use yanbao::error::{Diagnostic, Error};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
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
                Err(e) => fail(&root, &e),
            }
        }
    }
}

fn print_diagnostics(root: &Path, diags: &[Diagnostic]) {
    for d in diags {
        let source = std::fs::read_to_string(root.join(&d.location.file)).ok();
        eprint!("{}", d.render(source.as_deref()));
    }
}

fn fail(root: &Path, e: &Error) -> ExitCode {
    match e {
        Error::Content(diags) => {
            print_diagnostics(root, diags);
            if diags.len() > 1 {
                eprintln!("{} problems found", diags.len());
            }
        }
        Error::Template(report) => eprintln!("{report}"),
        other => eprintln!("error: {other}"),
    }
    eprintln!("Build failed; the previous output was left untouched.");
    ExitCode::FAILURE
}
