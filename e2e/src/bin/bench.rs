//! A benchmark, not a test: how long the release build takes to show a page of members in headless
//! Chromium against the local demo server, cold (fresh load of the app) and warm (client-side
//! navigation between pages). `cargo run -p e2e --bin bench` prints medians.

use std::time::{Duration, Instant};

use e2e::Journey;

const RUNS: usize = 10;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[tokio::main]
async fn main() {
    let j = Journey::start().await;
    j.connect().await;
    let org = j.org_id("Hogflix").await;

    // Cold: a full page load of /orgs/:id/members until the first page of rows is on screen.
    let mut cold = Vec::new();
    for _ in 0..RUNS {
        j.goto("/connect").await;
        let started = Instant::now();
        j.goto(&format!("/orgs/{org}/members")).await;
        j.wait_for_text_in(".pager-range", "1\u{2013}25 of").await;
        cold.push(started.elapsed());
    }

    // Warm: the pager's Next inside the running app, until the next page is shown.
    let mut warm = Vec::new();
    for page in 1..=RUNS.min(4) {
        let started = Instant::now();
        j.click_button("Next").await;
        let first = page * 25 + 1;
        j.wait_for_text_in(".pager-range", &format!("{first}\u{2013}"))
            .await;
        warm.push(started.elapsed());
    }

    println!(
        "members page, cold load to first rows: median {:?} over {RUNS} runs",
        median(cold)
    );
    println!(
        "members page, next page in the app:    median {:?} over {} runs",
        median(warm.clone()),
        warm.len()
    );
    println!(
        "(times are seen over WebDriver, which polls every 50 ms: they include up to that much)"
    );
    j.finish().await;
}
