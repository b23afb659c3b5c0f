import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from training.access import COORDINATION_GROUP, TRAINERS_GROUP
from training.factories import TrainingIndexPageFactory
from training.roles import setup_training_roles

PASSWORD = "test-password-1"


@pytest.fixture
def training_index(home_page):
    return TrainingIndexPageFactory(parent=home_page)


@pytest.fixture
def roles(training_index):
    return setup_training_roles(training_index)


def make_user(username, group=None, **kwargs):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.invalid", **kwargs
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def trainer(roles):
    return make_user("formadora_test", TRAINERS_GROUP)


@pytest.fixture
def reviewer(roles):
    return make_user("coordinacion_test", COORDINATION_GROUP)
