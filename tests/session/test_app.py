"""Security of the session's pages, one test per point of "no one in where they don't belong",
on the application in process (Starlette's test client)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from mgi.session import engine
from mgi.session.app import HERE, Session, create_app
from mgi.session.security import RateLimiter
from mgi.session.store import SessionStore

BASE = "http://testserver"


@pytest.fixture
def session(tmp_path: Path, demo_basis) -> Session:
    store = SessionStore(tmp_path / "s.db")
    store.initialise(demo_basis.configuration)
    return Session(store=store, basis=demo_basis, lang="en")


@pytest.fixture
def client(session: Session) -> TestClient:
    return TestClient(create_app(session), base_url=BASE)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


def join(client: TestClient, session: Session, name: str) -> tuple[str, str]:
    """Join; returns the participant's page path and its form token."""
    page = client.get(f"/join/{session.tokens['join']}")
    response = client.post(
        f"/join/{session.tokens['join']}",
        data={"csrf": csrf_of(page.text), "name": name, "group": "G"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    path = response.headers["location"]
    return path, csrf_of(client.get(path).text)


POINTS = {"gap": "40", "stakeholders": "20", "feasibility": "10", "resource_need": "10",
          "policy_alignment": "5", "eu_accession": "5", "partner_funding": "10"}  # fmt: skip


def test_links_carry_different_unguessable_tokens(session: Session, client: TestClient) -> None:
    tokens = session.tokens
    assert len({tokens["facilitator"], tokens["join"], tokens["secret"]}) == 3
    assert all(len(t) >= 43 for t in tokens.values())  # 32 random bytes
    assert client.get(f"/f/{tokens['join']}").status_code == 404
    assert client.get(f"/f/{tokens['facilitator'][:-1]}x").status_code == 404
    assert client.get(f"/join/{tokens['facilitator']}").status_code == 404
    assert client.get("/p/not-a-participant").status_code == 404
    path, _ = join(client, session, "Ana")
    assert path.split("/p/")[1] not in tokens.values()


def test_a_participant_changes_only_their_own_submission(
    session: Session, client: TestClient
) -> None:
    ana, ana_csrf = join(client, session, "Ana")
    besa, _ = join(client, session, "Besa")
    # Besa's page with Ana's form token is refused: the token is bound to its owner.
    refused = client.post(besa, data={"csrf": ana_csrf, "mode": "points", **POINTS})
    assert refused.status_code == 403
    saved = client.post(ana, data={"csrf": ana_csrf, "mode": "points", **POINTS})
    assert saved.status_code == 200 and "Saved: revision 1" in saved.text
    assert [s.participant for s in session.store.latest_submissions()] == ["Ana"]


def test_forms_are_protected_against_cross_site_requests(
    session: Session, client: TestClient
) -> None:
    ana, csrf = join(client, session, "Ana")
    assert client.post(ana, data={"mode": "points", **POINTS}).status_code == 403
    assert client.post(ana, data={"csrf": "0" * 64, "mode": "points", **POINTS}).status_code == 403
    forged = client.post(
        ana,
        data={"csrf": csrf, "mode": "points", **POINTS},
        headers={"origin": "http://evil.example"},
    )
    assert forged.status_code == 403
    f = session.tokens["facilitator"]
    assert client.post(f"/f/{f}/close", data={"csrf": csrf}).status_code == 403
    assert session.store.current_round().is_open
    assert session.store.all_submissions() == []


@pytest.mark.parametrize(
    ("form", "rule", "field"),
    [
        ({**POINTS, "gap": "-5"}, "weights.bad_value", "gap"),
        ({**POINTS, "gap": "abc"}, "weights.bad_value", "gap"),
        ({**POINTS, "gap": ""}, "weights.incomplete", ""),
        ({k: "0" for k in POINTS}, "weights.all_zero", ""),
    ],
)
def test_values_are_checked_with_the_workbook_rules(
    session: Session, client: TestClient, form: dict[str, str], rule: str, field: str
) -> None:
    ana, csrf = join(client, session, "Ana")
    response = client.post(ana, data={"csrf": csrf, "mode": "points", **form})
    assert response.status_code == 422
    _, problems = engine.validate("points", form, session.basis.criteria, "en")
    assert [p.rule for p in problems] == [rule]
    assert problems[0].field == field
    message = problems[0].message("en")
    assert message in html.unescape(response.text)
    assert session.store.all_submissions() == []


def test_pairwise_values_outside_saaty_scale_are_refused(
    session: Session, client: TestClient
) -> None:
    ana, csrf = join(client, session, "Ana")
    criteria = session.basis.criteria
    form = {engine.pair_key(a, b): "1" for a, b in engine.pairs(criteria)}
    form[engine.pair_key("gap", "stakeholders")] = "11"
    response = client.post(ana, data={"csrf": csrf, "mode": "pairwise", **form})
    assert response.status_code == 422
    _, problems = engine.validate("pairwise", form, criteria, "en")
    assert [p.rule for p in problems] == ["weights.bad_value"]
    assert "Saaty" in problems[0].message("en")


def test_user_text_is_always_escaped(session: Session, client: TestClient) -> None:
    ana, csrf = join(client, session, '<script>alert("x")</script>')
    client.post(ana, data={"csrf": csrf, "mode": "points", **POINTS})
    page = client.get(f"/f/{session.tokens['facilitator']}").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


def test_request_size_is_bounded(session: Session, client: TestClient) -> None:
    ana, csrf = join(client, session, "Ana")
    big = client.post(ana, data={"csrf": csrf, "mode": "points", "x": "a" * 70_000, **POINTS})
    assert big.status_code == 413
    assert session.store.all_submissions() == []


def test_request_rates_are_bounded(session: Session, client: TestClient) -> None:
    session.limiter = RateLimiter({"token": 3, "join": 2})
    app = create_app(session)
    limited = TestClient(app, base_url=BASE)
    ana, csrf = join(limited, session, "Ana")
    codes = [
        limited.post(ana, data={"csrf": csrf, "mode": "points", **POINTS}).status_code
        for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    join(limited, session, "Besa")
    page = limited.get(f"/join/{session.tokens['join']}")
    third = limited.post(
        f"/join/{session.tokens['join']}", data={"csrf": csrf_of(page.text), "name": "Cara"}
    )
    assert third.status_code == 429


def test_nothing_is_sent_anywhere_but_this_server(session: Session, client: TestClient) -> None:
    shipped = [*HERE.joinpath("templates").glob("*.html"), *HERE.joinpath("static").glob("*")]
    for path in shipped:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://|//[a-z0-9-]+\.[a-z]", source, re.I), path.name
    f = session.tokens["facilitator"]
    ana, _ = join(client, session, "Ana")
    pages = [client.get(f"/f/{f}"), client.get(f"/f/{f}/objective/GCM04"), client.get(ana)]
    for response in pages:
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert response.headers["referrer-policy"] == "same-origin"
        external = re.findall(r'(?:src|href|action)="(https?:)?//', response.text)
        assert external == []


def test_closing_the_round_freezes_it(session: Session, client: TestClient) -> None:
    ana, csrf = join(client, session, "Ana")
    client.post(ana, data={"csrf": csrf, "mode": "points", **POINTS})
    f = session.tokens["facilitator"]
    facilitator_csrf = csrf_of(client.get(f"/f/{f}").text)
    client.post(f"/f/{f}/close", data={"csrf": facilitator_csrf, "author": "Chair"})
    late = client.post(ana, data={"csrf": csrf, "mode": "points", **{**POINTS, "gap": "90"}})
    assert late.status_code == 409
    frozen = session.store.current_round().frozen
    assert frozen is not None and frozen["weights"]["gap"] == pytest.approx(0.4)
    assert len(session.store.all_submissions()) == 1


def test_decisions_are_validated(session: Session, client: TestClient) -> None:
    f = session.tokens["facilitator"]
    page = client.get(f"/f/{f}/objective/GCM08")
    bad = client.post(
        f"/f/{f}/objective/GCM08",
        data={"csrf": csrf_of(page.text), "decision": "maybe", "votes_for": "x"},
    )
    assert bad.status_code == 422
    assert session.store.decisions() == {}
    assert client.get(f"/f/{f}/objective/GCM99").status_code == 404
    assert client.get(f"/f/{f}/objective/..%2f..").status_code == 404


def test_pages_speak_both_languages(session: Session, client: TestClient) -> None:
    f = session.tokens["facilitator"]
    assert "Renditja e objektivave" in client.get(f"/f/{f}?lang=sq").text
    assert "Renditja e objektivave" in client.get(f"/f/{f}").text  # the choice is remembered
    assert "Ranking of the GCM objectives" in client.get(f"/f/{f}?lang=en").text


def test_the_facilitator_sees_the_flags_and_the_combined_numbers(
    session: Session, client: TestClient, demo_basis
) -> None:
    """The flags on the criteria (the demo's noisy resource need, the one-member media group)
    and P(top 10) under all sources together, in both languages, as the library computes."""
    from mgi.priorities import prioritize

    f = session.tokens["facilitator"]
    english = client.get(f"/f/{f}?lang=en").text
    assert "Read with care" in english and "Resource need (experts)" in english
    assert "single respondent" in english
    albanian = client.get(f"/f/{f}?lang=sq").text
    assert "Lexojeni me kujdes" in albanian and "Media" in albanian
    assert "Nevoja për burime" in albanian
    ranked = prioritize(
        demo_basis.matrix,
        demo_basis.start,
        samples=demo_basis.settings["samples"],
        seed=demo_basis.settings["seed"],
    )
    first = ranked.table().iloc[0]
    chance = f'data-p="{first["p_top10"]:.4f}"'
    assert chance in english


def test_the_objective_page_gives_reasons_both_ways(session: Session, client: TestClient) -> None:
    f = session.tokens["facilitator"]
    page = client.get(f"/f/{f}/objective/GCM14?lang=en").text
    assert "What lifts it" in page and "What holds it back" in page
    assert "When the weights, the data and the method all vary" in page
    assert page.count('class="num down"') >= 1


def test_the_what_if_leaves_out_and_locks_objectives_as_the_library_does(
    session: Session, client: TestClient
) -> None:
    from mgi.priorities.whatif import WhatIf

    f = session.tokens["facilitator"]
    page = client.get(f"/f/{f}?lang=en")
    form = {"csrf": csrf_of(page.text), **dict.fromkeys(session.basis.criteria, "10")}
    answer = client.post(
        f"/f/{f}/whatif?lang=en", data={**form, "exclude": "GCM08, 12", "lock": "14"}
    )
    assert answer.status_code == 200
    rows = re.findall(r'data-objective="(GCM\d\d)"', answer.text)
    assert len(rows) == 21 and "GCM08" not in rows and "GCM12" not in rows
    assert rows[0] == "GCM14" and "locked" in answer.text
    library = engine.rank(
        session.basis,
        session.basis.start.weights,
        whatif=WhatIf(
            weights=dict.fromkeys(session.basis.criteria, 10.0),
            exclude={"GCM08": "what-if", "GCM12": "what-if"},
            lock={"GCM14": "what-if"},
        ),
    )
    assert rows == list(library.table().index)
    bad = client.post(f"/f/{f}/whatif?lang=en", data={**form, "exclude": "GCM99"})
    assert bad.status_code == 400
