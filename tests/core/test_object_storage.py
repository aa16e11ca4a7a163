"""Uploads on S3-compatible object storage through django-storages, against a real
S3-compatible server on this machine (moto's `moto_server`): stored, read back through
the application, and private."""

import urllib.error
import urllib.request

import boto3
import pytest
from botocore.config import Config
from django.core.files.uploadedfile import SimpleUploadedFile

from openadmit.applications import service
from openadmit.applications.models import Document
from openadmit.cli import main
from openadmit.settings import s3_storage_options
from tests.applications.factories import pioneer_intake
from tests.applications.pdfs import pdf_bytes
from tests.personas import make_applicant
from tests.services import MotoServer

pytestmark = pytest.mark.django_db

BUCKET = "openadmit-uploads"
KEYS = {"access_key": "testing-key-id", "secret_key": "testing-secret"}


@pytest.fixture(scope="module")
def s3_server():
    server = MotoServer().start()
    yield server
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    """The storage that FILE_STORAGE=storages.backends.s3.S3Storage and S3_* configure."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_server.url,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
        config=Config(s3={"addressing_style": "path"}),
    )
    client.create_bucket(Bucket=BUCKET)
    for name, value in {
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": s3_server.url,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": KEYS["access_key"],
        "S3_SECRET_ACCESS_KEY": KEYS["secret_key"],
    }.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_storage_options()},
    }
    yield client
    for stored in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=stored["Key"])
    client.delete_bucket(Bucket=BUCKET)


def test_it_stores_an_upload_privately_and_serves_it_back_to_its_owner(client, bucket, s3_server):
    ana = make_applicant("ana@example.org")
    application, _ = service.do_start_application(ana, pioneer_intake())
    client.force_login(ana)
    content = pdf_bytes(pages=2)
    upload = SimpleUploadedFile("cv.pdf", content, content_type="application/pdf")
    answer = client.post(
        f"/applications/{application.public_id}/steps/documents/",
        {"action": "upload", "kind": "cv", "file": upload},
    )
    assert answer.status_code == 302

    document = Document.objects.get()
    [stored] = bucket.list_objects_v2(Bucket=BUCKET)["Contents"]
    assert stored["Key"] == document.file.name
    assert stored["Size"] == len(content)

    served = client.get(f"/documents/{document.public_id}/")
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == content

    grants = bucket.get_object_acl(Bucket=BUCKET, Key=stored["Key"])["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]
    assert all("URI" not in g["Grantee"] for g in grants), "no group, such as AllUsers"
    with pytest.raises(urllib.error.HTTPError) as anonymous:
        urllib.request.urlopen(f"{s3_server.url}/{BUCKET}/{stored['Key']}")  # noqa: S310
    assert anonymous.value.code == 403
    anonymous.value.close()


def test_it_serves_nothing_to_another_applicant(client, bucket):
    ana = make_applicant("ana@example.org")
    application, _ = service.do_start_application(ana, pioneer_intake())
    document = service.do_upload_document(
        application, "cv", SimpleUploadedFile("cv.pdf", pdf_bytes()), actor=ana
    )
    client.force_login(make_applicant("bo@example.org"))
    assert client.get(f"/documents/{document.public_id}/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_it_backs_up_and_restores_the_files_in_the_bucket(client, bucket, tmp_path):
    ana = make_applicant("ana@example.org")
    application, _ = service.do_start_application(ana, pioneer_intake())
    content = pdf_bytes(pages=3)
    document = service.do_upload_document(
        application, "cv", SimpleUploadedFile("cv.pdf", content), actor=ana
    )
    archive = tmp_path / "backup.tar.gz"
    assert main(["backup", str(archive)]) == 0
    bucket.delete_object(Bucket=BUCKET, Key=document.file.name)
    bucket.put_object(Bucket=BUCKET, Key="applications/stray", Body=b"stray")

    assert main(["restore", str(archive), "--yes"]) == 0
    keys = [o["Key"] for o in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [document.file.name]
    stored = bucket.get_object(Bucket=BUCKET, Key=document.file.name)["Body"].read()
    assert stored == content
