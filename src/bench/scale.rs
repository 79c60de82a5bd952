//! The benchmark corpus: Reuters-21578 written out N times as loose, uncompressed `.sgm` files,
//! each copy with its own NEWIDs and dates so that no article repeats another; and, for the
//! ripgrep comparison, the same articles as one `.txt` file each.
//!
//! Layout under the work folder: `corpus/copy-00/reut2-000.sgm` … `corpus/copy-NN/…` (copy 00
//! alone is the ×1 corpus) and `loose/copy-00/reut2-000-0000.txt` …
//!
//! [`rewrite_copy`] is a pure function of bytes; the rest writes files.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus;

/// NEWIDs of copy k are the original plus k × this (the originals stop at 21,578).
pub const ID_STRIDE: u64 = 100_000;

/// Size of one corpus, as the benchmark counts it.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq)]
pub struct CorpusInfo {
    pub files: u64,
    pub articles: u64,
    /// Title plus body bytes of every article: the text an engine has to index.
    pub text_bytes: u64,
    /// Bytes of the `.sgm` files on disk (markup included).
    pub file_bytes: u64,
}

impl CorpusInfo {
    pub fn times(self, n: usize) -> CorpusInfo {
        let n = n as u64;
        CorpusInfo {
            files: self.files * n,
            articles: self.articles * n,
            text_bytes: self.text_bytes * n,
            file_bytes: self.file_bytes * n,
        }
    }
}

/// Copy `copy` of a Reuters SGML file: every `NEWID="n"` becomes `n + copy × ID_STRIDE`, and
/// the year inside every `<DATE>` moves `copy` years on. Everything else is left byte for byte,
/// so the text is the same in every copy. Copy 0 is the input unchanged.
pub fn rewrite_copy(sgml: &[u8], copy: usize) -> Vec<u8> {
    const NEWID: &[u8] = b"NEWID=\"";
    const DATE: &[u8] = b"<DATE>";
    if copy == 0 {
        return sgml.to_vec();
    }
    let mut out = Vec::with_capacity(sgml.len() + sgml.len() / 100);
    let mut i = 0;
    while i < sgml.len() {
        let b = sgml[i];
        if b == b'N' && sgml[i..].starts_with(NEWID) {
            let start = i + NEWID.len();
            let end = start
                + sgml[start..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
            if let Some(n) = std::str::from_utf8(&sgml[start..end])
                .ok()
                .and_then(|s| s.parse::<u64>().ok())
                .filter(|_| sgml.get(end) == Some(&b'"'))
            {
                out.extend_from_slice(NEWID);
                out.extend_from_slice((n + copy as u64 * ID_STRIDE).to_string().as_bytes());
                i = end;
                continue;
            }
        }
        if b == b'<' && sgml[i..].starts_with(DATE) {
            let start = i + DATE.len();
            let len = sgml[start..]
                .iter()
                .take(64)
                .position(|&c| c == b'<')
                .unwrap_or(0);
            out.extend_from_slice(DATE);
            out.extend_from_slice(&shift_year(&sgml[start..start + len], copy));
            i = start + len;
            continue;
        }
        out.push(b);
        i += 1;
    }
    out
}

/// The first run of exactly four digits in `date`, moved `years` on.
fn shift_year(date: &[u8], years: usize) -> Vec<u8> {
    let mut i = 0;
    while i < date.len() {
        let run = date[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 4 {
            let year: usize = date[i..i + 4]
                .iter()
                .fold(0, |acc, d| acc * 10 + usize::from(d - b'0'));
            let mut out = date[..i].to_vec();
            out.extend_from_slice((year + years).to_string().as_bytes());
            out.extend_from_slice(&date[i + 4..]);
            return out;
        }
        i += run.max(1);
    }
    date.to_vec()
}

/// The Reuters files in `data` (`.sgm` or `.sgm.gz`), sorted, each with the name its
/// uncompressed copy gets.
fn inputs(data: &Path) -> Result<Vec<(PathBuf, String)>> {
    let entries = fs::read_dir(data).with_context(|| format!("reading {}", data.display()))?;
    let mut out = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("reading {}", data.display()))?
            .path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if let Some(stem) = name.strip_suffix(".sgm.gz") {
            out.push((path, format!("{stem}.sgm")));
        } else if name.ends_with(".sgm") {
            out.push((path, name));
        }
    }
    if out.is_empty() {
        bail!(
            "no Reuters-21578 .sgm or .sgm.gz files in {}",
            data.display()
        );
    }
    out.sort();
    Ok(out)
}

fn read_input(path: &Path) -> Result<Vec<u8>> {
    let raw = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    if !raw.starts_with(&[0x1f, 0x8b]) {
        return Ok(raw);
    }
    let mut out = Vec::with_capacity(raw.len() * 4);
    flate2::read::MultiGzDecoder::new(&raw[..])
        .read_to_end(&mut out)
        .with_context(|| format!("gunzipping {}", path.display()))?;
    Ok(out)
}

pub fn copy_dir(corpus: &Path, copy: usize) -> PathBuf {
    corpus.join(format!("copy-{copy:02}"))
}

/// Writes `scale` copies of the Reuters files in `data` under `out` (see the module docs),
/// unless a complete set is already there from an earlier run with the same scale.
pub fn write_scaled(data: &Path, out: &Path, scale: usize) -> Result<()> {
    let done = out.with_extension("complete");
    let files = inputs(data)?;
    let stamp = format!(
        "scale {scale}, {} files from {}\n",
        files.len(),
        data.display()
    );
    if fs::read_to_string(&done).is_ok_and(|s| s == stamp) {
        return Ok(());
    }
    let _ = fs::remove_file(&done);
    if out.exists() {
        fs::remove_dir_all(out).with_context(|| format!("clearing {}", out.display()))?;
    }
    for k in 0..scale {
        let dir = copy_dir(out, k);
        fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let originals: Vec<(Vec<u8>, &String)> = files
        .iter()
        .map(|(path, name)| read_input(path).map(|bytes| (bytes, name)))
        .collect::<Result<_>>()?;
    let jobs: Vec<(usize, usize)> = (0..scale)
        .flat_map(|k| (0..originals.len()).map(move |f| (k, f)))
        .collect();
    jobs.par_iter().try_for_each(|&(k, f)| {
        let (bytes, name) = &originals[f];
        let path = copy_dir(out, k).join(name);
        fs::write(&path, rewrite_copy(bytes, k))
            .with_context(|| format!("writing {}", path.display()))
    })?;
    fs::write(&done, stamp).with_context(|| format!("writing {}", done.display()))?;
    Ok(())
}

/// Articles, text bytes and file bytes of one folder of the corpus, parsed the way both
/// systems parse it.
pub fn measure(dir: &Path) -> Result<CorpusInfo> {
    let (files, skipped) = corpus::walk(&[dir.to_path_buf()]);
    if let Some(s) = skipped.first() {
        bail!("cannot read {}: {}", s.path, s.reason);
    }
    let mut info = CorpusInfo {
        files: files.len() as u64,
        ..CorpusInfo::default()
    };
    for file in &files {
        let parsed =
            corpus::load(file, u64::MAX).map_err(|e| anyhow::anyhow!("{}: {e}", file.display))?;
        info.file_bytes += file.size;
        info.articles += parsed.articles.len() as u64;
        info.text_bytes += parsed
            .articles
            .iter()
            .map(|a| (a.title.len() + a.body.len()) as u64)
            .sum::<u64>();
    }
    Ok(info)
}

/// Writes every article of `corpus`'s copy 0 as one `.txt` file (title, blank line, body)
/// into `out/copy-KK/` for each of the `scale` copies: the text is the same in every copy.
pub fn write_loose(corpus: &Path, out: &Path, scale: usize) -> Result<()> {
    let done = out.with_extension("complete");
    let stamp = format!("scale {scale}\n");
    if fs::read_to_string(&done).is_ok_and(|s| s == stamp) {
        return Ok(());
    }
    let _ = fs::remove_file(&done);
    if out.exists() {
        fs::remove_dir_all(out).with_context(|| format!("clearing {}", out.display()))?;
    }
    let (files, _) = corpus::walk(&[copy_dir(corpus, 0)]);
    let mut texts: Vec<(String, String)> = Vec::new();
    for file in &files {
        let parsed =
            corpus::load(file, u64::MAX).map_err(|e| anyhow::anyhow!("{}: {e}", file.display))?;
        let stem = file
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        for a in parsed.articles {
            texts.push((
                format!("{stem}-{:04}.txt", a.record),
                format!("{}\n\n{}\n", a.title, a.body),
            ));
        }
    }
    (0..scale).into_par_iter().try_for_each(|k| -> Result<()> {
        let dir = copy_dir(out, k);
        fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        for (name, text) in &texts {
            let path = dir.join(name);
            fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        }
        Ok(())
    })?;
    fs::write(&done, stamp).with_context(|| format!("writing {}", done.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORD: &str = "<REUTERS TOPICS=\"YES\" OLDID=\"5544\" NEWID=\"17\">\n\
        <DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT><TITLE>COCOA</TITLE>\
        <BODY>Showers in 1987 NEWID=\"x\" continued.</BODY></TEXT></REUTERS>\n";

    #[test]
    fn copy_zero_is_the_input() {
        assert_eq!(rewrite_copy(RECORD.as_bytes(), 0), RECORD.as_bytes());
    }

    #[test]
    fn later_copies_get_new_ids_and_dates_and_keep_the_text() {
        let out = String::from_utf8(rewrite_copy(RECORD.as_bytes(), 3)).unwrap();
        assert!(out.contains("NEWID=\"300017\""), "{out}");
        assert!(out.contains("OLDID=\"5544\""), "{out}");
        assert!(
            out.contains("<DATE>26-FEB-1990 15:01:01.79</DATE>"),
            "{out}"
        );
        // Years and NEWID-like text in the story are not touched.
        assert!(
            out.contains("Showers in 1987 NEWID=\"x\" continued."),
            "{out}"
        );
        // "17" became "300017"; the year keeps its width.
        assert_eq!(out.len(), RECORD.len() + 4);
    }

    #[test]
    fn copies_parse_to_distinct_ids_and_dates() {
        let dir = tempfile::tempdir().unwrap();
        let parse = |bytes: Vec<u8>| {
            let path = dir.path().join("reut2-000.sgm");
            fs::write(&path, &bytes).unwrap();
            let file = corpus::SourceFile {
                display: path.display().to_string(),
                size: bytes.len() as u64,
                mtime_ns: 0,
                path,
            };
            corpus::load(&file, u64::MAX).unwrap().articles
        };
        let a = parse(rewrite_copy(RECORD.as_bytes(), 0));
        let b = parse(rewrite_copy(RECORD.as_bytes(), 19));
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].title, b[0].title);
        assert_eq!(a[0].body, b[0].body);
        assert_ne!(a[0].source_id, b[0].source_id);
        assert_eq!(b[0].source_id.as_deref(), Some("1900017"));
        let year = |v: &[crate::Article]| v[0].date.map(|d| d.year());
        assert_eq!(year(&a), Some(1987));
        assert_eq!(year(&b), Some(2006));
    }

    #[test]
    fn odd_dates_are_left_alone() {
        assert_eq!(shift_year(b" 26-FEB-87 ", 2), b" 26-FEB-87 ");
        assert_eq!(shift_year(b"1-MAR-1987", 1), b"1-MAR-1988");
        assert_eq!(shift_year(b"12345 1987", 1), b"12345 1988");
    }
}
