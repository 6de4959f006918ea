//! An ordered parallel map over a stream: all cores busy, output in input order, memory
//! bounded by a few chunks whatever the number of documents.
//!
//! A reader thread cuts the input into chunks (at most `max_items` items or `max_bytes`
//! bytes), the calling thread maps each chunk on a rayon pool (rayon's indexed `collect` keeps
//! the order), and a writer thread writes the results. Channels of capacity one between them
//! let reading, computing and writing overlap while holding at most about five chunks.

use rayon::prelude::*;
use std::io;
use std::sync::mpsc::sync_channel;
use std::time::Instant;

/// How big a chunk may grow before it is handed to the workers.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_items: usize,
    pub max_bytes: usize,
}

/// Counts reported after each chunk, for the progress line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Progress {
    pub items: u64,
    pub bytes: u64,
    pub seconds: f64,
    /// The last report of the run.
    pub finished: bool,
}

/// Runs `work` over every item `read` yields (with its size in bytes) on `threads` threads
/// (0 = all cores) and hands the results to `write` in input order.
///
/// Stops at the first read or write error; an error from `write` (say a closed pipe) wins
/// over one from `read`, and items already read are still processed and written before a
/// read error is returned.
pub fn run<I, O>(
    threads: usize,
    limits: Limits,
    mut read: impl FnMut() -> io::Result<Option<(I, usize)>> + Send + 'static,
    work: impl Fn(I) -> O + Sync,
    mut write: impl FnMut(Vec<O>) -> io::Result<()> + Send + 'static,
    mut progress: impl FnMut(Progress),
) -> io::Result<()>
where
    I: Send + 'static,
    O: Send + 'static,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(io::Error::other)?;
    let max_items = limits.max_items.max(1);
    let (chunk_tx, chunk_rx) = sync_channel::<(Vec<I>, usize)>(1);
    let (out_tx, out_rx) = sync_channel::<Vec<O>>(1);

    // Not scoped: when the writer fails (`| head`), we return without waiting for a reader
    // that may be blocked on a terminal or an endless pipe.
    let reader = std::thread::spawn(move || -> io::Result<()> {
        loop {
            let mut chunk = Vec::new();
            let mut bytes = 0;
            let mut status = Ok(false);
            while chunk.len() < max_items && bytes < limits.max_bytes {
                match read() {
                    Ok(Some((item, n))) => {
                        chunk.push(item);
                        bytes += n;
                    }
                    Ok(None) => {
                        status = Ok(true);
                        break;
                    }
                    Err(e) => {
                        status = Err(e);
                        break;
                    }
                }
            }
            if !chunk.is_empty() && chunk_tx.send((chunk, bytes)).is_err() {
                return Ok(());
            }
            if status? {
                return Ok(());
            }
        }
    });
    let writer = std::thread::spawn(move || -> io::Result<()> {
        for chunk in out_rx {
            write(chunk)?;
        }
        Ok(())
    });

    let started = Instant::now();
    let mut done = Progress::default();
    for (chunk, bytes) in chunk_rx {
        let n = chunk.len();
        let out: Vec<O> = pool.install(|| chunk.into_par_iter().map(&work).collect());
        if out_tx.send(out).is_err() {
            break;
        }
        done.items += n as u64;
        done.bytes += bytes as u64;
        done.seconds = started.elapsed().as_secs_f64();
        progress(done);
    }
    done.seconds = started.elapsed().as_secs_f64();
    done.finished = true;
    progress(done);
    drop(out_tx);
    let written = writer
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")));
    written?;
    // The writer finished cleanly, so every chunk was received: the reader has returned.
    reader
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("the reader thread panicked")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    fn collect(threads: usize, n: usize, limits: Limits) -> Vec<usize> {
        let out = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&out);
        let mut next = 0;
        run(
            threads,
            limits,
            move || {
                next += 1;
                Ok((next <= n).then_some((next, 10)))
            },
            // Uneven work so that later items often finish first.
            |i: usize| {
                std::thread::sleep(std::time::Duration::from_micros((i % 7 * 50) as u64));
                i * 2
            },
            move |chunk| {
                sink.lock().unwrap().extend(chunk);
                Ok(())
            },
            |_| {},
        )
        .unwrap();
        let v = out.lock().unwrap().clone();
        v
    }

    #[test]
    fn keeps_input_order_across_chunks() {
        let limits = Limits {
            max_items: 7,
            max_bytes: usize::MAX,
        };
        let got = collect(3, 200, limits);
        assert_eq!(got, (1..=200).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn byte_limit_cuts_chunks_and_nothing_is_lost() {
        let limits = Limits {
            max_items: 1000,
            max_bytes: 25,
        };
        let got = collect(2, 31, limits);
        assert_eq!(got.len(), 31);
        assert_eq!(got.last(), Some(&62));
    }

    #[test]
    fn a_read_error_is_returned_after_earlier_items_are_written() {
        let out = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&out);
        let mut next = 0;
        let result = run(
            2,
            Limits {
                max_items: 4,
                max_bytes: usize::MAX,
            },
            move || {
                next += 1;
                if next == 6 {
                    return Err(io::Error::other("boom"));
                }
                Ok(Some((next, 1)))
            },
            |i: usize| i,
            move |chunk| {
                sink.lock().unwrap().extend(chunk);
                Ok(())
            },
            |_| {},
        );
        assert!(result.is_err());
        assert_eq!(*out.lock().unwrap(), vec![1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_write_error_stops_the_run() {
        let result = run(
            2,
            Limits {
                max_items: 2,
                max_bytes: usize::MAX,
            },
            || Ok(Some((1u8, 1))),
            |i: u8| i,
            |_| Err(io::Error::from(io::ErrorKind::BrokenPipe)),
            |_| {},
        );
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
    }
}
