"""Templates: compiled ones are kept between processes when the machine allows it."""

from __future__ import annotations

import jinja2

from briefing import render


def test_templates_render_without_a_bytecode_cache(monkeypatch, tmp_path):
    """No usable cache directory (Jinja refuses one others could write to): compile as usual."""

    def refuse(*args, **kwargs):
        raise RuntimeError("the cache directory is not safe")

    monkeypatch.setattr(render, "_BytecodeCache", refuse)
    assert render._bytecode_cache() is None
    render.environment.cache_clear()
    try:
        html = render.render(
            "chart_figure.html.j2",
            div_id="chart-x",
            height=100,
            figure={"data": [], "layout": {}},
            config={},
            dark={},
        )
        assert 'id="chart-x"' in html and render.environment().bytecode_cache is None
    finally:
        render.environment.cache_clear()


def test_a_changed_template_is_compiled_again_not_taken_from_the_cache(tmp_path):
    """What the book relies on in Jinja's cache: an edited template never renders stale."""
    cache = jinja2.FileSystemBytecodeCache(str(tmp_path))
    folder = tmp_path / "templates"
    folder.mkdir()
    page = folder / "page.j2"

    def rendered() -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), bytecode_cache=cache)
        return env.get_template("page.j2").render()

    page.write_text("one")
    assert rendered() == "one" and list(tmp_path.glob("__jinja2_*"))
    page.write_text("two")
    assert rendered() == "two"


def test_a_cache_that_cannot_be_written_only_means_no_cache(tmp_path):
    """A full disk (or a directory made read-only) must not stop a page from rendering."""
    cache = render._BytecodeCache(str(tmp_path / "gone"))  # the directory does not exist
    env = jinja2.Environment(loader=jinja2.DictLoader({"t": "hello"}), bytecode_cache=cache)
    assert env.get_template("t").render() == "hello"
