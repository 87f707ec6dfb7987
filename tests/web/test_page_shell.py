"""The GOV.UK page shell, the error pages and the content security policy."""

import re

from django.template.loader import render_to_string
from django.urls import reverse

from tests.web.posts import injury_post


def test_pages_carry_the_service_name_skip_link_and_phase_banner(dsl_client):
    html = dsl_client.get(reverse("web:home")).content.decode()
    assert '<a href="#main-content" class="govuk-skip-link"' in html
    assert 'id="main-content"' in html
    assert ">Sightline</a>" in html
    assert "govuk-phase-banner" in html
    assert 'href="/static/govuk/govuk-frontend.min.css"' in html


def test_the_one_inline_script_carries_the_response_s_nonce(dsl_client, child):
    for url in (reverse("web:home"), reverse("web:event-create", args=[child, "injury"])):
        response = dsl_client.get(url)
        html = response.content.decode()
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
        assert nonce is not None
        inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
        assert inline == [f'<script nonce="{nonce[1]}">']
        assert "style-src 'self'" in response.headers["Content-Security-Policy"]
        assert not re.search(r"\sstyle=", html), url
        assert "<style" not in html


def test_a_missing_page_is_a_gov_uk_404(dsl_client):
    response = dsl_client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-template" in response.content.decode()


def test_the_server_error_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert "<script nonce" not in html


def test_an_expired_form_gets_the_gov_uk_csrf_page(client, dsl, child):
    client.handler.enforce_csrf_checks = True
    client.force_login(dsl)
    response = client.post(reverse("web:event-create", args=[child, "injury"]), injury_post())
    assert response.status_code == 403
    assert "Your form has expired" in response.content.decode()


def test_the_accessibility_statement_is_public(client, db):
    assert client.get(reverse("web:accessibility")).status_code == 200
