from django.urls import reverse

from tests.personas import sign_in


def test_it_signs_a_verified_applicant_in_and_out(client, applicant):
    response = sign_in(client, applicant)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:overview")

    home = client.get(reverse("accounts:overview"))
    assert "Sign out" in home.text
    assert "My account" in home.text

    # Signing out takes a POST: a link or a prefetch cannot sign anyone out.
    assert client.get(reverse("account_logout")).status_code == 200
    assert client.get(reverse("accounts:overview")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("accounts:overview")).status_code == 302


def test_it_says_the_address_or_password_is_wrong_without_telling_which(client, applicant):
    response = sign_in(client, applicant, password="not-my-password")
    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in response.text
    assert client.get(reverse("accounts:overview")).status_code == 302


def test_it_offers_sign_in_in_the_header_to_visitors(client, db):
    page = client.get(reverse("account_login")).text
    assert f'href="{reverse("account_login")}"' in page
    assert "My account" not in page


def test_it_sends_visitors_to_sign_in_from_account_pages(client, db):
    for name in ("accounts:overview", "accounts:delete", "account_change_password"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("account_login")), name
