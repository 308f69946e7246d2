"""The inbox is the boundary of what the inbox flow reads: symlinks that lead out of it are not followed."""
from __future__ import annotations

from flows.inbox_files import scan


def test_links_out_of_the_inbox_are_not_read(tmp_path):
    inbox, outside = tmp_path / "inbox", tmp_path / "secret"
    inbox.mkdir()
    outside.mkdir()
    (outside / "passwd.txt").write_text("not news", encoding="utf-8")
    (inbox / "news.txt").write_text("Kenya praised Egypt.", encoding="utf-8")
    (inbox / "link.txt").symlink_to(outside / "passwd.txt")  # a file link out
    (inbox / "dir").symlink_to(outside, target_is_directory=True)  # a folder link out
    (inbox / "inside.txt").symlink_to(inbox / "news.txt")  # a link that stays inside: read
    names = sorted(f.path.rsplit("/", 1)[-1] for f in scan(inbox))
    assert names == ["inside.txt", "news.txt"]
