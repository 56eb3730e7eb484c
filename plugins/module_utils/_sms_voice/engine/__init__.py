# -*- coding: utf-8 -*-
# Copyright: contributors to the pinpoint.sms_voice collection
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The converge engine: one description of a resource, then read -> plan -> apply or predict -> wait -> shape.

It names no resource and no operation of one: ``resource`` holds the field and
resource types and the desired state, ``plan`` the steps and the pure
planning (with the ``Rules`` hooks a description declares), ``apply`` carries
a plan out and waits, ``converge`` builds a module's result, ``paging`` reads a
resource's describe call in pages. What only one resource knows lives in its
own file, as the hooks of its ``Rules``.
"""
