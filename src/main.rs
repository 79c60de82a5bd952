//! The `newsdex` binary: parse arguments, run, map the outcome to an exit code
//! (0 = results, 1 = no results, 2 = error). A closed pipe is not an error.

use clap::Parser;

fn main() {
    let args = newsdex::cli::rewrite_exclusions(std::env::args_os());
    let cli = newsdex::cli::Cli::parse_from(args);
    let code = match newsdex::app::run(cli) {
        Ok(code) => code,
        Err(e) if newsdex::app::is_broken_pipe(&e) => 0,
        Err(e) => {
            eprintln!("newsdex: error: {e:#}");
            2
        }
    };
    std::process::exit(code);
}
