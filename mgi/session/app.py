"""The web application of a live session: participant, facilitator and projector pages.

Server-side pages (Starlette routes and Jinja2 templates with autoescaping, so no text a person
typed ever becomes markup), a little script that only improves them (sliders kept at 100 points,
the consistency ratio as soon as the comparisons are complete, the ranking that moves with the
what-if sliders, the projector refreshing itself); every form also works without it. Every
number comes from :mod:`mgi.session.engine`; every write goes through
:class:`~mgi.session.store.SessionStore` and is committed before the page says it was saved.

Routes (``{f}`` the facilitator's token, ``{j}`` the participants' join token, ``{p}`` a
participant's private token)::

    GET  /join/{j}                 name and group          POST: join, go to /p/{p}
    GET  /p/{p}                    the participant's page  POST: save weights
    POST /p/{p}/check              consistency of pairwise comparisons (JSON)
    GET  /f/{f}                    facilitator and projector page
    GET  /f/{f}/live               the live part of it (HTML fragment, polled)
    POST /f/{f}/whatif             the ranking with what-if weights (HTML fragment)
    GET  /f/{f}/objective/{code}   why it ranks there; POST: record a decision
    POST /f/{f}/close, /f/{f}/reopen   close the round (freezes it), open a new one
    GET  /f/{f}/qr.svg             QR code of the join link
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from mgi.errors import InputError
from mgi.i18n import format_value, languages, text
from mgi.session import engine
from mgi.session.security import GuardMiddleware, RateLimiter, form_token, same
from mgi.session.store import DECISIONS, RoundClosedError, SessionStore

HERE = Path(__file__).parent
#: Longest name, group, rationale or author accepted (characters).
MAX_NAME = 80
MAX_RATIONALE = 2000
_CODE = re.compile(r"^GCM\d{2}$")


@dataclass
class Session:
    """A running session: its store, what it ranks, its tokens and page settings."""

    store: SessionStore
    basis: engine.Basis
    lang: str = "sq"
    limiter: RateLimiter = field(default_factory=RateLimiter)

    @property
    def tokens(self) -> dict[str, str]:
        return dict(self.store.get_meta("tokens"))


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


ENV = _environment()


def create_app(session: Session) -> Starlette:
    """The ASGI application of a session (serve it with uvicorn)."""
    app = Starlette(
        routes=[
            Route("/", home),
            Route("/join/{token}", join, methods=["GET", "POST"]),
            Route("/p/{token}", participant_page, methods=["GET", "POST"]),
            Route("/p/{token}/check", participant_check, methods=["POST"]),
            Route("/f/{token}", facilitator_page),
            Route("/f/{token}/live", facilitator_live),
            Route("/f/{token}/whatif", facilitator_whatif, methods=["POST"]),
            Route("/f/{token}/objective/{code}", objective_page, methods=["GET", "POST"]),
            Route("/f/{token}/close", close_round, methods=["POST"]),
            Route("/f/{token}/reopen", reopen_round, methods=["POST"]),
            Route("/f/{token}/qr.svg", qr_code),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        middleware=[Middleware(GuardMiddleware, limiter=session.limiter)],
        exception_handlers={HTTPException: _error_page},
    )
    app.state.session = session
    return app


# -- helpers ---------------------------------------------------------------------------------------


def _session(request: Request) -> Session:
    return request.app.state.session


def _lang(request: Request) -> str:
    wanted = request.query_params.get("lang") or request.cookies.get("mgi_lang")
    if wanted in languages():
        return str(wanted)
    return _session(request).lang


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a template in the request's language (``t`` = interface text, ``num`` = a
    number in the language's format)."""
    lang = _lang(request)
    basis = _session(request).basis

    def t(key: str, **fields: Any) -> str:
        return text(key, lang, **fields)

    def num(kind: str, value: Any) -> str:
        return format_value(kind, value, lang)

    html = ENV.get_template(template).render(
        t=t,
        num=num,
        lang=lang,
        languages=sorted(languages()),
        path=request.url.path,
        criterion=lambda code: engine.criterion_label(basis, code, lang),
        criterion_help=lambda code: engine.criterion_description(basis, code, lang),
        method=lambda name: engine.method_label(name, lang),
        **context,
    )
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") == lang:
        response.set_cookie("mgi_lang", lang, samesite="strict", httponly=True)
    return response


async def _error_page(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 500)
    key = {404: "session.error.not_found", 403: "session.error.forbidden"}.get(
        status, "session.error.bad_request"
    )
    return render(request, "message.html", status=status, message_key=key)


def _origin_ok(request: Request) -> bool:
    """A form sent from a page of this server (or a client that sends no Origin)."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host


async def _checked_form(request: Request, principal: str) -> dict[str, str]:
    """The posted form, after checking its anti-forgery token and origin (403 otherwise)."""
    session = _session(request)
    form = await request.form()
    values = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    expected = form_token(session.tokens["secret"], principal)
    if not _origin_ok(request) or not same(values.get("csrf"), expected):
        raise HTTPException(403)
    return values


def _facilitator(request: Request) -> Session:
    session = _session(request)
    if not same(request.path_params["token"], session.tokens["facilitator"]):
        raise HTTPException(404)
    return session


def _clean(value: str | None, limit: int) -> str:
    """Text a person typed: control characters removed, spaces collapsed, clipped."""
    cleaned = "".join(ch for ch in (value or "") if ch.isprintable() or ch in "\n")
    return " ".join(cleaned.split(" ")).strip()[:limit]


# -- pages -----------------------------------------------------------------------------------------


async def home(request: Request) -> Response:
    return render(request, "message.html", message_key="session.home")


async def join(request: Request) -> Response:
    session = _session(request)
    if not same(request.path_params["token"], session.tokens["join"]):
        raise HTTPException(404)
    lang = _lang(request)
    context: dict[str, Any] = {
        "csrf": form_token(session.tokens["secret"], "join"),
        "name": "",
        "group": "",
        "errors": [],
    }
    if request.method == "POST":
        client = (request.client.host if request.client else "?") or "?"
        if not session.limiter.allow("join", client):
            raise HTTPException(429)
        form = await _checked_form(request, "join")
        name = _clean(form.get("name"), MAX_NAME)
        group = _clean(form.get("group"), MAX_NAME)
        context.update(name=name, group=group)
        if not name:
            context["errors"].append(text("session.join.name_missing", lang))
        elif await run_in_threadpool(session.store.name_taken, name):
            context["errors"].append(text("session.join.name_taken", lang, name=name))
        if not context["errors"]:
            person = await run_in_threadpool(session.store.add_participant, name, group)
            return RedirectResponse(f"/p/{person.token}", status_code=303)
        return render(request, "join.html", status=422, **context)
    return render(request, "join.html", **context)


def _participant_context(session: Session, person: Any, lang: str) -> dict[str, Any]:
    store = session.store
    basis = session.basis
    latest = store.latest_submission(person.id)
    rnd = store.current_round()
    criteria = basis.criteria
    mode = latest.mode if latest else "points"
    values: dict[str, Any] = dict(latest.values) if latest else {}
    start = basis.start.weights.reindex(criteria)
    own = None
    check = None
    if latest is not None:
        own = engine.own_weights(latest.mode, latest.values, criteria)
        if latest.mode == "pairwise":
            check = engine.consistency(latest.values, criteria)
    points = (
        {c: values.get(c) for c in criteria}
        if mode == "points"
        else dict(zip(criteria, _hundred(start.to_numpy()), strict=True))
    )
    return {
        "person": person,
        "round": rnd,
        "latest": latest,
        "mode": mode,
        "values": values,
        "points": points,
        "criteria": criteria,
        "pairs": engine.pairs(criteria),
        "pair_key": engine.pair_key,
        "saaty": engine.SAATY_VALUES,
        "own": own,
        "check": check,
        "csrf": form_token(session.tokens["secret"], person.token),
        "errors": [],
        "lang_code": lang,
    }


def _hundred(weights: Any) -> list[int]:
    """Weights as whole points summing to 100 (largest remainders)."""
    raw = [float(w) * 100 for w in weights]
    base = [int(v) for v in raw]
    order = sorted(range(len(raw)), key=lambda i: -(raw[i] - base[i]))
    for i in order[: 100 - sum(base)]:
        base[i] += 1
    return base


async def participant_page(request: Request) -> Response:
    session = _session(request)
    token = request.path_params["token"]
    person = await run_in_threadpool(session.store.participant_by_token, token)
    if person is None:
        raise HTTPException(404)
    lang = _lang(request)
    context = await run_in_threadpool(_participant_context, session, person, lang)
    if request.method == "GET":
        context["saved"] = request.query_params.get("saved")
        return render(request, "participant.html", **context)
    if not session.limiter.allow("token", token):
        raise HTTPException(429)
    form = await _checked_form(request, person.token)
    mode = form.get("mode", "")
    values, problems = engine.validate(mode, form, session.basis.criteria, lang)
    if not context["round"].is_open:
        context["errors"] = [text("session.participant.round_closed", lang)]
        return render(request, "participant.html", status=409, **context)
    if problems:
        context.update(
            mode=mode if mode in engine.MODES else "points",
            values={k: form.get(k, "") for k in form},
            errors=[p.message(lang) for p in problems],
            problem_fields={p.field for p in problems if p.field},
        )
        if mode == "points":
            context["points"] = {c: form.get(c, "") for c in session.basis.criteria}
        return render(request, "participant.html", status=422, **context)
    try:
        saved = await run_in_threadpool(session.store.submit, person.id, mode, values)
    except RoundClosedError:
        context["errors"] = [text("session.participant.round_closed", lang)]
        return render(request, "participant.html", status=409, **context)
    # Only now, after the commit, does the page say that the submission was saved.
    return RedirectResponse(f"/p/{person.token}?saved={saved.revision}", status_code=303)


async def participant_check(request: Request) -> Response:
    session = _session(request)
    token = request.path_params["token"]
    person = await run_in_threadpool(session.store.participant_by_token, token)
    if person is None:
        raise HTTPException(404)
    if not session.limiter.allow("token-check", token):
        raise HTTPException(429)
    form = await _checked_form(request, person.token)
    lang = _lang(request)
    criteria = session.basis.criteria
    values, problems = engine.validate("pairwise", form, criteria, lang)
    if problems:
        return JSONResponse({"complete": False})
    result = engine.consistency(values, criteria)
    message = text(
        "session.pairwise.cr_ok" if result["consistent"] else "session.pairwise.cr_high",
        lang,
        cr=format_value("ratio", result["cr"], lang),
    )
    hint = ""
    if "worst" in result:
        worst = result["worst"]
        hint = text(
            "session.pairwise.worst",
            lang,
            row=engine.criterion_label(session.basis, worst["row"], lang),
            column=engine.criterion_label(session.basis, worst["column"], lang),
            current=worst["current"],
            suggested=worst["suggested"],
        )
    return JSONResponse(
        {
            "complete": True,
            "cr": result["cr"],
            "consistent": result["consistent"],
            "message": message,
            "hint": hint,
            "field": engine.pair_key(result["worst"]["row"], result["worst"]["column"])
            if "worst" in result
            else None,
        }
    )


# -- facilitator -----------------------------------------------------------------------------------


def _live_context(session: Session, lang: str) -> dict[str, Any]:
    """Submissions, group weights, agreement and the ranking under every method."""
    store = session.store
    basis = session.basis
    rnd = store.current_round()
    submissions = store.latest_submissions(rnd.id)
    agreed = engine.group_weights(basis, submissions)
    weights = agreed.weights.reindex(basis.criteria)
    p = engine.rank_weights(basis, weights)
    members = []
    frame = agreed.participants if submissions else None
    for s in submissions:
        row = frame.loc[s.participant] if frame is not None else None
        cr = row.get("cr") if row is not None and "cr" in row else None
        members.append(
            {
                "name": s.participant,
                "group": s.group,
                "mode": s.mode,
                "revision": s.revision,
                "at": s.submitted_at,
                "cr": None if cr is None or cr != cr else float(cr),
                "distance": float(row["distance"]) if row is not None else None,
            }
        )
    return {
        "round": rnd,
        "members": members,
        "joined": len(store.participants()),
        "weights": {c: float(weights[c]) for c in basis.criteria},
        "points": dict(zip(basis.criteria, _hundred(weights.to_numpy()), strict=True)),
        "rule": "group_ahp"
        if submissions and all(s.mode == "pairwise" for s in submissions)
        else ("mean" if submissions else "start"),
        "agreement": engine.agreement(agreed) if submissions else {"kendall_w": None},
        "rows": engine.ranking_rows(p, lang),
        "methods": list(p.ranks.columns),
        "top_k": p.top_k,
        "decisions": store.decisions(),
        "criteria": basis.criteria,
        "flags": engine.flags(basis, lang),
    }


def _links(request: Request, session: Session) -> dict[str, str]:
    base = str(request.base_url).rstrip("/")
    return {
        "join": f"{base}/join/{session.tokens['join']}",
        "facilitator": f"{base}/f/{session.tokens['facilitator']}",
    }


async def facilitator_page(request: Request) -> Response:
    session = _facilitator(request)
    context = await run_in_threadpool(_live_context, session, _lang(request))
    return render(
        request,
        "facilitator.html",
        token=request.path_params["token"],
        csrf=form_token(session.tokens["secret"], "facilitator"),
        links=_links(request, session),
        **context,
    )


async def facilitator_live(request: Request) -> Response:
    session = _facilitator(request)
    context = await run_in_threadpool(_live_context, session, _lang(request))
    return render(request, "_live.html", token=request.path_params["token"], **context)


async def facilitator_whatif(request: Request) -> Response:
    session = _facilitator(request)
    form = await _checked_form(request, "facilitator")
    lang = _lang(request)
    try:
        whatif = engine.whatif_settings(session.basis, form)
    except InputError:
        raise HTTPException(400) from None
    start = session.basis.start.weights.reindex(session.basis.criteria)
    p = await run_in_threadpool(lambda: engine.rank_weights(session.basis, start, whatif=whatif))
    return render(
        request,
        "_ranking.html",
        token=request.path_params["token"],
        rows=engine.ranking_rows(p, lang),
        methods=list(p.ranks.columns),
        top_k=p.top_k,
        decisions=session.store.decisions(),
        whatif=True,
    )


async def objective_page(request: Request) -> Response:
    session = _facilitator(request)
    code = request.path_params["code"]
    if not _CODE.match(code) or code not in session.basis.objectives:
        raise HTTPException(404)
    lang = _lang(request)
    token = request.path_params["token"]
    errors: list[str] = []
    form: dict[str, str] = {}
    if request.method == "POST":
        form = await _checked_form(request, "facilitator")
        decision = form.get("decision", "")
        rationale = _clean(form.get("rationale"), MAX_RATIONALE)
        author = _clean(form.get("author"), MAX_NAME)
        votes = []
        for key in ("votes_for", "votes_against", "votes_abstain"):
            raw = (form.get(key) or "0").strip() or "0"
            if not raw.isdigit() or int(raw) > 1000:
                errors.append(text("session.decision.bad_votes", lang, found=raw[:20]))
                votes.append(0)
            else:
                votes.append(int(raw))
        if decision not in DECISIONS:
            errors.append(text("session.decision.bad_decision", lang))
        if not rationale:
            errors.append(text("session.decision.rationale_missing", lang))
        if not author:
            errors.append(text("session.decision.author_missing", lang))
        if not errors:
            await run_in_threadpool(
                session.store.record_decision,
                code,
                decision,
                rationale,
                (votes[0], votes[1], votes[2]),
                author,
            )
            return RedirectResponse(f"/f/{token}/objective/{code}?saved=1", status_code=303)

    def build() -> dict[str, Any]:
        live = _live_context(session, lang)
        p = engine.rank_weights(session.basis, pd.Series(live["weights"]))
        return {
            "why": engine.explain(session.basis, p, code, lang),
            "methods": live["methods"],
            "top_k": p.top_k,
            "history": [d for d in session.store.decision_history() if d.objective == code],
        }

    context = await run_in_threadpool(build)
    return render(
        request,
        "objective.html",
        status=422 if errors else 200,
        token=token,
        code=code,
        csrf=form_token(session.tokens["secret"], "facilitator"),
        decisions=DECISIONS,
        errors=errors,
        form=form,
        saved=request.query_params.get("saved"),
        **context,
    )


async def close_round(request: Request) -> Response:
    session = _facilitator(request)
    form = await _checked_form(request, "facilitator")
    author = _clean(form.get("author"), MAX_NAME) or "facilitator"

    def close() -> None:
        store = session.store
        submissions = store.latest_submissions()
        agreed = engine.group_weights(session.basis, submissions)
        store.close_round(
            author,
            {
                "weights": {k: float(v) for k, v in agreed.weights.items()},
                "rule": agreed.rule,
                "submissions": [s.id for s in submissions],
            },
        )

    await run_in_threadpool(close)
    return RedirectResponse(f"/f/{request.path_params['token']}", status_code=303)


async def reopen_round(request: Request) -> Response:
    session = _facilitator(request)
    await _checked_form(request, "facilitator")
    await run_in_threadpool(session.store.open_round)
    return RedirectResponse(f"/f/{request.path_params['token']}", status_code=303)


async def qr_code(request: Request) -> Response:
    session = _facilitator(request)
    svg = qr_svg(_links(request, session)["join"])
    return Response(svg, media_type="image/svg+xml")


def qr_svg(url: str, scale: int = 8) -> str:
    """The QR code of a link as an SVG document (segno; error correction M)."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True, title=None
    )
    return buffer.getvalue().decode("utf-8")


def template_names() -> Mapping[str, Path]:
    """The templates shipped with the package (for the tests)."""
    folder = HERE / "templates"
    return {p.name: p for p in folder.glob("*.html")}
