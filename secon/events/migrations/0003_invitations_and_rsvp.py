# Invitations to events and the invitees' answers (RSVP); the reminder setting of an event.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import secon.events.models.invitations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_event_types"),
        ("registry", "0007_name_order_sort_keys"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="reminder_days",
            field=models.PositiveSmallIntegerField(
                default=2,
                help_text="Those who answered yes or maybe are reminded this many days before; 0 for none.",
                verbose_name="reminder (days before)",
            ),
        ),
        migrations.CreateModel(
            name="Invitation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("rsg", "RSG members on the event date"),
                            ("list", "A filtered people list"),
                            ("substitute", "Named by an invitee instead of themselves"),
                        ],
                        max_length=12,
                        verbose_name="invited as",
                    ),
                ),
                (
                    "delivery",
                    models.CharField(
                        choices=[
                            ("excluded", "Not invited"),
                            ("queued", "Waiting to be sent"),
                            ("sending", "Being sent"),
                            ("sent", "Sent"),
                            ("uncertain", "Uncertain (the sender stopped while sending)"),
                            ("failed", "Failed"),
                        ],
                        max_length=12,
                        verbose_name="delivery",
                    ),
                ),
                (
                    "excluded_reason",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("no_email", "No e-mail address"),
                            ("erased", "Personal data erased"),
                            ("opted_out", "Opted out of RSG e-mails"),
                            ("no_basis", "No legal basis for RSG communication"),
                        ],
                        max_length=12,
                        verbose_name="why not invited",
                    ),
                ),
                (
                    "nonce",
                    models.CharField(
                        default=secon.events.models.invitations.new_nonce, editable=False, max_length=32
                    ),
                ),
                ("claimed_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent")),
                ("sequence_sent", models.PositiveIntegerField(blank=True, editable=False, null=True)),
                ("reminded_at", models.DateTimeField(blank=True, null=True, verbose_name="reminded")),
                (
                    "answer",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("yes", "Yes, I will come"),
                            ("no", "No, I cannot come"),
                            ("maybe", "Maybe"),
                        ],
                        max_length=8,
                        verbose_name="answer",
                    ),
                ),
                ("comment", models.CharField(blank=True, max_length=1000, verbose_name="comment")),
                ("answered_at", models.DateTimeField(blank=True, null=True, verbose_name="answered")),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="invitations",
                        to="events.event",
                    ),
                ),
                (
                    "invited_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="invited by",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="invitations",
                        to="registry.person",
                        verbose_name="person",
                    ),
                ),
                (
                    "substitute",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="substituted_invitations",
                        to="registry.person",
                        verbose_name="coming instead",
                    ),
                ),
            ],
            options={
                "verbose_name": "invitation",
                "verbose_name_plural": "invitations",
                "ordering": ["pk"],
                "indexes": [models.Index(fields=["event", "delivery"], name="invitation_event_delivery_idx")],
                "constraints": [
                    models.UniqueConstraint(fields=("event", "person"), name="invitation_once_per_person"),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("delivery", "excluded"), ("excluded_reason__gt", "")),
                            models.Q(
                                models.Q(("delivery", "excluded"), _negated=True), ("excluded_reason", "")
                            ),
                            _connector="OR",
                        ),
                        name="invitation_excluded_has_reason",
                    ),
                ],
            },
        ),
    ]
