//! Waits until smtp-sink's message counter (its `-c` output) reaches a number, for
//! bench/send.sh.
//!
//! ```text
//! rundbrief-bench-wait SINK_OUTPUT COUNT SECONDS
//! ```
//!
//! Exits 0 once the count is reached, 1 when SECONDS passed first, 2 on an error. The shell loop this replaces
//! started four processes (tail, tr, sed, tail) every 50 ms, which took about 8 % of the two
//! cores away from the worker, the sink and the database it was measuring; this reads the
//! file's last bytes every 2 ms in one process.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// smtp-sink rewrites one counter line per message; its last one is well within this.
const TAIL_BYTES: u64 = 200;
const POLL: Duration = Duration::from_millis(2);

fn main() {
    match wait() {
        Ok(true) => {}
        Ok(false) => std::process::exit(1),
        Err(e) => {
            eprintln!("rundbrief-bench-wait: {e:#}");
            std::process::exit(2);
        }
    }
}

/// `true` once the count is reached, `false` when the time ran out first.
fn wait() -> anyhow::Result<bool> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, count, seconds] = args.as_slice() else {
        bail!("usage: rundbrief-bench-wait SINK_OUTPUT COUNT SECONDS");
    };
    let target: u64 = count.parse().with_context(|| format!("COUNT {count:?} is not a number"))?;
    let limit = Duration::from_secs_f64(
        seconds.parse().with_context(|| format!("SECONDS {seconds:?} is not a number"))?,
    );
    let mut file = File::open(path).with_context(|| format!("cannot open {path}"))?;
    let started = Instant::now();
    let mut tail = Vec::with_capacity(TAIL_BYTES as usize);
    loop {
        if last_count(&mut file, &mut tail)?.is_some_and(|seen| seen >= target) {
            return Ok(true);
        }
        if started.elapsed() >= limit {
            return Ok(false);
        }
        std::thread::sleep(POLL);
    }
}

/// The last `mesg=N` in the file, if any.
fn last_count(file: &mut File, tail: &mut Vec<u8>) -> anyhow::Result<Option<u64>> {
    let len = file.metadata()?.len();
    file.seek(SeekFrom::Start(len.saturating_sub(TAIL_BYTES)))?;
    tail.clear();
    file.read_to_end(tail)?;
    let text = String::from_utf8_lossy(tail);
    Ok(text.rsplit("mesg=").find_map(|after| {
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    }))
}
