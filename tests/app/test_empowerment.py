"""AppTest: the Pemberdayaan & Respons page renders its charts and reacts to the year filter."""

from __future__ import annotations


def test_empowerment_page_renders_and_year_filter_changes_output(app_with_geo) -> None:
    at = app_with_geo
    at.run()
    at.switch_page("ui/views/empowerment.py")
    at.run()
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) >= 3
    before = [c.proto.spec for c in at.get("plotly_chart")]
    year = at.sidebar.selectbox(key="emp_year")
    year.select(year.options[-1]).run()
    assert not at.exception
    after = [c.proto.spec for c in at.get("plotly_chart")]
    assert before != after
