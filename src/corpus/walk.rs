//! Finding the files under the roots a user names: recursive, following symlinks (walkdir
//! catches loops), skipping hidden files and directories, and reporting rather than failing
//! on what cannot be walked. Reads no file contents.

use std::ffi::OsStr;
use std::fs::Metadata;
use std::path::{Component, Path, PathBuf};
use std::time::UNIX_EPOCH;

use walkdir::WalkDir;

use super::{Skipped, SourceFile};

/// Walks `roots` recursively, following symlinks; a symlink loop is reported, never followed
/// forever. Hidden files and directories (name starting with '.') are skipped unless named as a
/// root. A root that is a file is yielded as-is; a missing root, an unreadable directory, a
/// loop or a dangling link becomes a [`Skipped`]. Files come back sorted by display path, each
/// once.
pub fn walk(roots: &[PathBuf]) -> (Vec<SourceFile>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for root in roots {
        let meta = match std::fs::metadata(root) {
            Ok(meta) => meta,
            Err(e) => {
                skipped.push(Skipped {
                    path: display(root),
                    reason: io_reason(&e),
                });
                continue;
            }
        };
        if meta.is_file() {
            files.push(source_file(root.clone(), &meta));
            continue;
        }
        if !meta.is_dir() {
            skipped.push(Skipped {
                path: display(root),
                reason: "not a regular file".to_string(),
            });
            continue;
        }
        let mut indexes = Vec::new();
        let entries = WalkDir::new(root)
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| {
                if e.depth() > 0 && is_hidden(e.file_name()) {
                    return false;
                }
                // A search index (ours, when `newsdex index .` runs beside `./index`, or any
                // tantivy index) holds binary segment files, and ours changes as it is read.
                let index = e.file_type().is_dir() && is_search_index(e.path());
                if index {
                    indexes.push(Skipped {
                        path: display(e.path()),
                        reason: "a search index folder, not articles".to_string(),
                    });
                }
                !index
            });
        for entry in entries {
            match entry {
                Ok(e)
                    if e.file_type().is_file()
                        && let Some(reason) = not_news(e.path()) =>
                {
                    skipped.push(Skipped {
                        path: display(e.path()),
                        reason: reason.to_string(),
                    });
                }
                Ok(e) if e.file_type().is_file() => match e.metadata() {
                    Ok(meta) => files.push(source_file(e.into_path(), &meta)),
                    Err(err) => skipped.push(walk_error(&err)),
                },
                Ok(e) if e.file_type().is_dir() => {}
                // FIFOs and sockets: reading one could block forever.
                Ok(e) => skipped.push(Skipped {
                    path: display(e.path()),
                    reason: "not a regular file".to_string(),
                }),
                Err(err) => skipped.push(walk_error(&err)),
            }
        }
        skipped.append(&mut indexes);
    }
    files.sort_by(|a, b| a.display.cmp(&b.display));
    files.dedup_by(|a, b| a.display == b.display);
    (files, skipped)
}

/// The spelling of a root that ids are made from. A root given as an absolute path, or with
/// `..`, that lies under the working directory `cwd` is spelled relative to it, so
/// `newsdex index $PWD/news`, `newsdex index ../here/news` and `newsdex index news` give the
/// same ids rather than a second copy of every article. A plain relative root, or one outside
/// `cwd`, is kept as typed.
pub fn root_spelling(root: &Path, cwd: &Path) -> PathBuf {
    let plain = root
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if plain || !cwd.is_absolute() {
        return root.to_path_buf();
    }
    let mut absolute = PathBuf::new();
    for c in cwd.join(root).components() {
        match c {
            Component::ParentDir => {
                absolute.pop();
            }
            Component::CurDir => {}
            other => absolute.push(other),
        }
    }
    // Lexically first; then with links resolved on both sides ($PWD through a symlink).
    let canonical = || Some((absolute.canonicalize().ok()?, cwd.canonicalize().ok()?));
    let relative = match absolute.strip_prefix(cwd) {
        Ok(rel) => Some(rel.to_path_buf()),
        Err(_) => canonical().and_then(|(a, c)| a.strip_prefix(&c).ok().map(Path::to_path_buf)),
    };
    match relative {
        Some(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
        Some(rel) => rel,
        None => root.to_path_buf(),
    }
}

/// Files that a folder of articles often carries beside them and that are not articles:
/// documentation, schemas, code and tables. Found by name only while walking a folder; a file
/// named on the command line is always read.
fn not_news(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let stem = name.split('.').next().unwrap_or("");
    const DOC_STEMS: &[&str] = &[
        "readme",
        "license",
        "licence",
        "copying",
        "notice",
        "changelog",
        "changes",
        "authors",
        "contributing",
        "source",
        "sources",
        "manifest",
    ];
    const NOT_NEWS_EXT: &[&str] = &[
        "md", "markdown", "rst", "dtd", "xsd", "css", "js", "csv", "tsv", "yaml", "yml", "toml",
        "ini", "cfg", "log", "py", "rs", "sh", "lock",
    ];
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    if DOC_STEMS.contains(&stem) {
        Some("not an article: documentation file")
    } else if NOT_NEWS_EXT.contains(&ext) {
        Some("not an article: documentation, schema, code or table file")
    } else {
        None
    }
}

fn source_file(path: PathBuf, meta: &Metadata) -> SourceFile {
    let mtime_ns = meta
        .modified()
        .ok()
        .map_or(0, |t| match t.duration_since(UNIX_EPOCH) {
            Ok(after) => after.as_nanos() as i128,
            Err(before) => -(before.duration().as_nanos() as i128),
        });
    SourceFile {
        display: display(&path),
        size: meta.len(),
        mtime_ns,
        path,
    }
}

/// The path as users see it and ids use it: forward slashes, no "./" segments, so
/// `newsdex index ./corpus` and `newsdex index corpus` give the same ids.
pub(crate) fn display(path: &Path) -> String {
    let cleaned: PathBuf = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    if cleaned.as_os_str().is_empty() {
        return ".".to_string();
    }
    cleaned.to_string_lossy().replace('\\', "/")
}

/// A tantivy index folder: its `meta.json` beside the `.managed.json` tantivy keeps.
fn is_search_index(dir: &Path) -> bool {
    dir.join(".managed.json").is_file() && dir.join("meta.json").is_file()
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn walk_error(err: &walkdir::Error) -> Skipped {
    let path = err.path().map(display).unwrap_or_default();
    let reason = match (err.loop_ancestor(), err.io_error()) {
        (Some(ancestor), _) => format!("symlink loop back to {}", display(ancestor)),
        (None, Some(io)) => io_reason(io),
        (None, None) => err.to_string(),
    };
    Skipped { path, reason }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "not found".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn names(files: &[SourceFile], base: &Path) -> Vec<String> {
        let prefix = format!("{}/", display(base));
        files
            .iter()
            .map(|f| {
                f.display
                    .strip_prefix(&prefix)
                    .unwrap_or(&f.display)
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn walks_sorted_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        fs::create_dir_all(base.join("b/nested")).unwrap();
        fs::create_dir_all(base.join(".git")).unwrap();
        for f in [
            "z.txt",
            "a.json",
            "b/nested/c.sgm",
            ".hidden.txt",
            ".git/config",
            "b/.x",
        ] {
            fs::write(base.join(f), "x").unwrap();
        }
        let (files, skipped) = walk(&[base.to_path_buf()]);
        assert_eq!(names(&files, base), ["a.json", "b/nested/c.sgm", "z.txt"]);
        assert!(skipped.is_empty(), "{skipped:?}");
        assert!(files.iter().all(|f| f.size == 1 && f.mtime_ns > 0));

        // Named explicitly, a hidden file or directory is walked.
        let (files, _) = walk(&[base.join(".hidden.txt"), base.join(".git")]);
        assert_eq!(names(&files, base), [".git/config", ".hidden.txt"]);
    }

    #[test]
    fn missing_roots_and_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "x").unwrap();
        let missing = dir.path().join("nope");
        let (files, skipped) = walk(&[
            dir.path().to_path_buf(),
            dir.path().join("a.txt"),
            missing.clone(),
        ]);
        assert_eq!(files.len(), 1);
        assert_eq!(
            skipped,
            [Skipped {
                path: display(&missing),
                reason: "not found".to_string()
            }]
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_reported_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        fs::create_dir_all(base.join("a/b")).unwrap();
        fs::write(base.join("a/b/story.txt"), "x").unwrap();
        std::os::unix::fs::symlink(base.join("a"), base.join("a/b/loop")).unwrap();
        std::os::unix::fs::symlink(base.join("missing"), base.join("a/dangling")).unwrap();
        std::os::unix::fs::symlink(base.join("a/b/story.txt"), base.join("a/link.txt")).unwrap();
        let (files, skipped) = walk(&[base.to_path_buf()]);
        assert_eq!(names(&files, base), ["a/b/story.txt", "a/link.txt"]);
        assert!(
            skipped.iter().any(|s| s.reason.starts_with("symlink loop")),
            "{skipped:?}"
        );
        assert!(
            skipped.iter().any(|s| s.path.ends_with("a/dangling")),
            "{skipped:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn unreadable_directories_are_skipped() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        fs::create_dir(&locked).unwrap();
        fs::write(locked.join("a.txt"), "x").unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        let readable_anyway = fs::read_dir(&locked).is_ok(); // root ignores permissions
        let (files, skipped) = walk(&[dir.path().to_path_buf()]);
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        if !readable_anyway {
            assert!(files.is_empty());
            assert_eq!(skipped.len(), 1);
            assert_eq!(skipped[0].reason, "permission denied");
        }
    }

    #[test]
    fn search_index_folders_are_not_walked() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        fs::create_dir_all(base.join("index")).unwrap();
        fs::create_dir_all(base.join("news")).unwrap();
        fs::write(base.join("news/a.txt"), "x").unwrap();
        for f in ["meta.json", ".managed.json", "0123.store"] {
            fs::write(base.join("index").join(f), "{}").unwrap();
        }
        let (files, skipped) = walk(&[base.to_path_buf()]);
        assert_eq!(names(&files, base), ["news/a.txt"]);
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert!(skipped[0].path.ends_with("index"), "{skipped:?}");
        assert_eq!(skipped[0].reason, "a search index folder, not articles");
        // A folder with a meta.json alone is an ordinary folder of articles.
        fs::remove_file(base.join("index/.managed.json")).unwrap();
        let (files, _) = walk(&[base.to_path_buf()]);
        assert_eq!(files.len(), 3, "{:?}", names(&files, base));
    }

    #[test]
    fn documentation_beside_articles_is_not_news() {
        for name in [
            "README.txt",
            "LICENSE",
            "SOURCE.md",
            "lewis.dtd",
            "notes.md",
            "x.csv.gz",
        ] {
            assert!(not_news(Path::new(name)).is_some(), "{name}");
        }
        for name in [
            "reut2-000.sgm.gz",
            "story.txt",
            "readers-letters.txt",
            "a.jsonl",
            "page",
        ] {
            assert_eq!(not_news(Path::new(name)), None, "{name}");
        }
    }

    #[test]
    fn roots_under_the_working_directory_are_spelled_relative_to_it() {
        let cwd = Path::new("/data/desk");
        for (root, want) in [
            ("news", "news"),
            ("./news/", "./news/"),
            ("/data/desk/news", "news"),
            ("/data/desk/news/a.txt", "news/a.txt"),
            ("/data/desk", "."),
            ("/data/desk/", "."),
            ("../desk/news", "news"),
            ("news/../wire", "wire"),
            ("../other/news", "../other/news"),
            ("/elsewhere/news", "/elsewhere/news"),
        ] {
            assert_eq!(
                root_spelling(Path::new(root), cwd),
                Path::new(want),
                "{root}"
            );
        }
        // Through a symlinked working directory, resolved on both sides.
        #[cfg(unix)]
        {
            let dir = tempfile::tempdir().unwrap();
            fs::create_dir_all(dir.path().join("real/news")).unwrap();
            std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("link")).unwrap();
            let root = dir.path().join("real/news");
            assert_eq!(
                root_spelling(&root, &dir.path().join("link")),
                Path::new("news")
            );
        }
    }

    #[test]
    fn display_paths() {
        for (path, want) in [
            ("./corpus/a.txt", "corpus/a.txt"),
            ("corpus/./a.txt", "corpus/a.txt"),
            (".", "."),
            ("/abs/x", "/abs/x"),
            ("../shared/x", "../shared/x"),
        ] {
            assert_eq!(display(Path::new(path)), want);
        }
    }
}
