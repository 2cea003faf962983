"""A stock Django project as `django-admin startproject` makes it, plus one view: `make bench`'s reference."""
