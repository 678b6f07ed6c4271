from django.contrib import admin

from . import models


@admin.register(models.Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ["theme", "start", "end", "document"]
    search_fields = ["theme", "document"]


@admin.register(models.RegistrationDeadline)
class RegistrationDeadlineAdmin(admin.ModelAdmin):
    list_display = ["year", "deadline", "organisation"]
