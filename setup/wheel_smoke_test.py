"""make test: interaction_log works when it comes from its wheel.

setup/test.sh builds the wheel, installs it with `pip install --no-deps` into a throw-away
virtualenv, installs the addon with an Odoo whose addons path does not hold this repository,
and runs this file with that virtualenv's Python. Odoo finds the addon in the `odoo.addons`
namespace package, in the virtualenv's site-packages."""

import os
from pathlib import Path

import pytest

import odoo
from odoo.modules.module import get_module_path
from odoo.modules.registry import Registry
from odoo.tools import config

DATABASE = os.environ["INTERACTION_LOG_WHEEL_DB"]
CONFIG = os.environ["INTERACTION_LOG_WHEEL_CONF"]
SITE_PACKAGES = Path(os.environ["INTERACTION_LOG_WHEEL_SITE"])
REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def env():
    config.parse_config(["-c", CONFIG, "-d", DATABASE, "--log-level=warn"])
    with Registry(DATABASE).cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.rollback()


def test_the_addon_comes_from_the_wheel(env):
    import odoo.addons.interaction_log as addon

    assert Path(addon.__file__).is_relative_to(SITE_PACKAGES / "odoo" / "addons")
    assert not any(
        Path(path).resolve() == REPOSITORY for path in odoo.addons.__path__
    ), "the repository must not be in the addons path"
    module = env["ir.module.module"].search([("name", "=", "interaction_log")])
    assert module.state == "installed"
    # The bridges Odoo installed with it (their app is in the database) came from wheels too.
    installed = env["ir.module.module"].search([("state", "=", "installed")]).mapped("name")
    for name in installed:
        path = Path(get_module_path(name)).resolve()
        # An addon of the repository is a folder at its root (the project's virtualenv, whose
        # wheels such as OCA's mail_tracking may be loaded, lives inside it too).
        assert path.parent != REPOSITORY, f"{name} was loaded from the repository"


def test_an_interaction_logged_on_a_contact_is_counted(env):
    partner = env["res.partner"].create({"name": "Contact of the wheel smoke test"})
    assert partner.interaction_count == 0
    action = partner.action_log_interaction()
    template = env.ref("interaction_log.interaction_template_phone_out")
    wizard = env[action["res_model"]].with_context(**action["context"])
    wizard.create({"template_id": template.id}).action_log()
    partner.invalidate_recordset(["interaction_count"])
    assert partner.interaction_count == 1
    entry = env["interaction.log.entry"].search([("partner_id", "=", partner.id)])
    assert entry.template_id == template
