//! Placeholder: being written.

pub fn run(_args: &crate::cli::EvalExtractArgs) -> anyhow::Result<i32> {
    anyhow::bail!("not implemented yet")
}
