//! Getting a file's bytes: gunzipping when the name or the magic bytes say gzip, and never
//! holding more than the size limit in memory (a gzip bomb stops at the cap). Knows nothing of
//! formats.

use std::fs::File;
use std::io::Read;
use std::path::Path;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// A file's (decompressed) content.
#[derive(Debug)]
pub(crate) struct Content {
    pub bytes: Vec<u8>,
    /// Set when gunzipping stopped early (truncated or corrupt archive): `bytes` holds what came
    /// out before the damage, which may still contain complete records. Also set, with `cut`
    /// false, for bytes after the last member that were ignored.
    pub damage: Option<String>,
    /// The content stops where the archive was damaged: its last record may be cut short.
    pub cut: bool,
}

/// Reads `path`, gunzipping transparently, up to `max_bytes` of content.
pub(crate) fn read_content(path: &Path, max_bytes: u64) -> Result<Content, String> {
    let file = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > max_bytes {
        return Err(too_large(len, max_bytes));
    }
    let mut raw = Vec::with_capacity(len as usize);
    // `take` guards against a file that grows while we read it.
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut raw)
        .map_err(|e| format!("cannot read: {e}"))?;
    if raw.len() as u64 > max_bytes {
        return Err(too_large(raw.len() as u64, max_bytes));
    }
    let named_gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    if named_gz || raw.starts_with(&GZIP_MAGIC) {
        gunzip(&raw, max_bytes)
    } else {
        Ok(Content {
            bytes: raw,
            damage: None,
            cut: false,
        })
    }
}

/// Decompresses every gzip member (`cat a.gz b.gz` is valid gzip), stopping at `max_bytes`.
/// Zero bytes after the last member (block padding) are ignored; other trailing bytes are
/// ignored with a warning, and what came before is whole.
pub(crate) fn gunzip(raw: &[u8], max_bytes: u64) -> Result<Content, String> {
    if raw.is_empty() {
        return Err("empty file".to_string());
    }
    let mut out = Vec::with_capacity(raw.len().saturating_mul(4).min(max_bytes as usize));
    let mut chunk = vec![0u8; 64 * 1024];
    let mut rest = raw;
    loop {
        let mut decoder = flate2::bufread::GzDecoder::new(rest);
        loop {
            match decoder.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => {
                    if (out.len() + n) as u64 > max_bytes {
                        let limit = human_size(max_bytes);
                        return Err(format!(
                            "file too large: over {limit} gunzipped (limit {limit})"
                        ));
                    }
                    out.extend_from_slice(&chunk[..n]);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let what = if e.kind() == std::io::ErrorKind::UnexpectedEof {
                        "truncated gzip"
                    } else {
                        "corrupt gzip"
                    };
                    let damage = format!("{what}: {e}");
                    if out.is_empty() {
                        return Err(damage);
                    }
                    return Ok(Content {
                        bytes: out,
                        damage: Some(damage),
                        cut: true,
                    });
                }
            }
        }
        rest = decoder.into_inner();
        if rest.iter().all(|&b| b == 0) {
            return Ok(Content {
                bytes: out,
                damage: None,
                cut: false,
            });
        }
        if !rest.starts_with(&[0x1f, 0x8b]) {
            return Ok(Content {
                bytes: out,
                damage: Some(format!(
                    "{} after the gzip data ignored",
                    human_size(rest.len() as u64)
                )),
                cut: false,
            });
        }
    }
}

fn too_large(size: u64, max_bytes: u64) -> String {
    format!(
        "file too large: {} > limit {}",
        human_size(size),
        human_size(max_bytes)
    )
}

/// "300 MiB", "1.5 KiB", "12 B": sizes in messages people read.
pub(crate) fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 || value.fract() < 0.05 || value >= 100.0 {
        format!("{} {}", value.round() as u64, UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn gunzips_whole_and_concatenated_members() {
        let mut two = gzip(b"hello ");
        two.extend(gzip(b"world"));
        let c = gunzip(&two, 1000).unwrap();
        assert_eq!(c.bytes, b"hello world");
        assert_eq!(c.damage, None);
    }

    #[test]
    fn truncated_gzip_keeps_what_came_out() {
        let text: Vec<u8> = (0..20_000)
            .flat_map(|i| format!("line {i}\n").into_bytes())
            .collect();
        let gz = gzip(&text);
        let cut = &gz[..gz.len() * 2 / 3];
        let c = gunzip(cut, u64::MAX).unwrap();
        assert!(!c.bytes.is_empty() && c.bytes.len() < text.len());
        assert!(text.starts_with(&c.bytes));
        assert!(c.damage.unwrap().starts_with("truncated gzip: "));

        let err = gunzip(&gz[..12], u64::MAX).unwrap_err();
        assert!(err.starts_with("truncated gzip"), "{err}");
    }

    #[test]
    fn bytes_after_the_last_member_are_ignored() {
        let mut padded = gzip(b"hello ");
        padded.extend(gzip(b"world"));
        padded.extend([0u8; 512]);
        let c = gunzip(&padded, 1000).unwrap();
        assert_eq!(
            (c.bytes.as_slice(), c.damage, c.cut),
            (&b"hello world"[..], None, false)
        );
        let mut junk = gzip(b"hello");
        junk.extend(b"trailing junk");
        let c = gunzip(&junk, 1000).unwrap();
        assert_eq!(c.bytes, b"hello");
        assert_eq!(
            c.damage.as_deref(),
            Some("13 B after the gzip data ignored")
        );
        assert!(!c.cut);
    }

    #[test]
    fn corrupt_gzip_is_an_error() {
        let err = gunzip(b"this is not gzip at all", 1000).unwrap_err();
        assert!(err.contains("gzip"), "{err}");
    }

    #[test]
    fn gzip_bomb_stops_at_the_limit() {
        let gz = gzip(&vec![b'a'; 5_000_000]);
        let err = gunzip(&gz, 1_000_000).unwrap_err();
        assert!(err.starts_with("file too large: "), "{err}");
    }

    #[test]
    fn human_sizes() {
        for (n, want) in [
            (0, "0 B"),
            (1023, "1023 B"),
            (1024, "1 KiB"),
            (1536, "1.5 KiB"),
            (300 * 1024 * 1024, "300 MiB"),
            (256 * 1024 * 1024, "256 MiB"),
            (5 * 1024 * 1024 * 1024, "5 GiB"),
        ] {
            assert_eq!(human_size(n), want);
        }
    }
}
