"""Factories of the change alerts: subscriptions with fictional addresses."""

import factory
from django.utils import timezone

from .addresses import address_hash, new_token
from .choices import SubscriptionStatus
from .models import Subscription


class SubscriptionFactory(factory.django.DjangoModelFactory):
    """A confirmed subscription; the hash follows the address."""

    class Meta:
        model = Subscription

    address = factory.Sequence(lambda n: f"lectora{n}@ejemplo.invalid")
    address_hash = factory.LazyAttribute(lambda o: address_hash(o.address))
    token_hash = factory.LazyFunction(lambda: new_token()[1])
    status = SubscriptionStatus.CONFIRMED
    language = "es"
    created_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)
