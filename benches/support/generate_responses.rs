//! Writes realistic responses for the comparison benchmark:
//!
//!     cargo run --release --example generate_responses -- /tmp/consult-bench/responses 10000
//!
//! Keep generated data under /tmp, never in the repository. See benches/compare_vs_jq.sh.

#[path = "generate.rs"]
mod generate;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), count) = (args.next(), args.next()) else {
        eprintln!("usage: generate_responses DIR [COUNT] [SEED]");
        std::process::exit(2);
    };
    let count: usize = count.and_then(|c| c.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(2021);
    match generate::write_responses(std::path::Path::new(&dir), count, seed) {
        Ok(bytes) => println!(
            "wrote {count} responses to {dir} ({:.0} MB, {:.1} KB each on average)",
            bytes as f64 / 1_000_000.0,
            bytes as f64 / count.max(1) as f64 / 1000.0
        ),
        Err(e) => {
            eprintln!("generate_responses: {e}");
            std::process::exit(1);
        }
    }
}
