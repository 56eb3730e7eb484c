"""An execution environment built with ansible-builder gets the collection's Python dependencies.

``ansible-builder create`` writes the build context of the sample
tests/ecosystem/files/execution-environment.yml, which installs the built
collection tarball. No image is built (no container runtime runs here):
instead the test replays the two build stages that matter, with the
context's own files: the galaxy stage (``ansible-galaxy collection install
-r requirements.yml`` in ``_build``) and the builder stage's introspection
(``_build/scripts/introspect.py``), which must find boto3 and botocore through
the collection's meta/execution-environment.yml.
"""

from __future__ import annotations

import shutil
import sys

import yaml

from .helpers import FILES, REPO_ROOT, build_collection, run, tool, tool_env


def requirement_names(lines):
    names = set()
    for line in lines:
        spec = line.split("#", 1)[0].strip()
        if spec:
            names.add(spec.split(";")[0].split("[")[0].split("=")[0].split(">")[0].split("<")[0].strip().lower())
    return names


def test_collection_declares_its_python_requirements_for_ansible_builder():
    meta = yaml.safe_load((REPO_ROOT / "meta" / "execution-environment.yml").read_text())
    assert meta["version"] == 3
    python_file = meta["dependencies"]["python"]
    lines = (REPO_ROOT / python_file).read_text().splitlines()
    assert {"boto3", "botocore"} <= requirement_names(lines)


def test_ansible_builder_context_installs_boto3(tmp_path):
    tarball = build_collection(tmp_path / "dist")
    shutil.copyfile(FILES / "execution-environment.yml", tmp_path / "execution-environment.yml")
    shutil.copyfile(tarball, tmp_path / "pinpoint-sms_voice.tar.gz")
    context = tmp_path / "context"
    run(
        [
            tool("ansible-builder"),
            "create",
            "--file",
            "execution-environment.yml",
            "--context",
            context,
            "--output-filename",
            "Containerfile",
        ],
        cwd=tmp_path,
    )
    containerfile = (context / "Containerfile").read_text()
    build = context / "_build"
    assert (build / "collections" / "pinpoint-sms_voice.tar.gz").is_file()
    galaxy_requirements = yaml.safe_load((build / "requirements.yml").read_text())
    assert galaxy_requirements["collections"] == [{"name": "collections/pinpoint-sms_voice.tar.gz", "type": "file"}]
    assert "ansible-galaxy collection install" in containerfile
    assert "introspect.py introspect" in containerfile
    assert "--write-pip=/tmp/src/requirements.txt" in containerfile

    # The galaxy stage, as the Containerfile runs it (in _build, from requirements.yml).
    collections = tmp_path / "usr-share-ansible" / "collections"
    run(
        [tool("ansible-galaxy"), "collection", "install", "-r", "requirements.yml", "--collections-path", collections],
        cwd=build,
        env=tool_env({"ANSIBLE_COLLECTIONS_PATH": str(collections)}),
    )
    installed = collections / "ansible_collections" / "pinpoint" / "sms_voice"
    assert (installed / "meta" / "execution-environment.yml").is_file()

    # The builder stage's introspection, which writes the requirements the final image installs.
    pip_out = tmp_path / "requirements.txt"
    proc = run(
        [
            sys.executable,
            build / "scripts" / "introspect.py",
            "introspect",
            "--write-pip",
            pip_out,
            "--write-bindep",
            tmp_path / "bindep.txt",
            collections,
        ]
    )
    introspected = yaml.safe_load(proc.stdout)
    assert {"boto3", "botocore"} <= requirement_names(introspected["python"])
    written = pip_out.read_text().splitlines()
    ours = [line for line in written if line.endswith("# from collection pinpoint.sms_voice")]
    assert {"boto3", "botocore"} <= requirement_names(ours)
