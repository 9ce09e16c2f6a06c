# tests/hostile.cmake - issue 21, hostile input round two (tests/hostile/run.sh):
# outputs, confinement, bounded work, text checks, inputs and faults. Each
# case checks the files written and the message printed. docs/limits.md
# names the case for each limit and refusal.
set(GP_HOSTILE_CASES
  out_is_guide out_hard_link out_symlink_to_guide out_is_style_logo_font
  out_fake_devnull out_fake_devfull out_fifo_no_reader out_fifo_reader out_folder
  out_symlink_to_device mode_umask mode_private empty_password sigterm_render
  tmp_open_fails
  merge_confined merge_duplicates merge_output_is_input
  unbreakable_200k combining_100k set_too_long set_33 csv_cell_too_long
  set_bad_utf8 csv_bad_utf8 set_bidi guide_bidi bom_guide salary_range
  style_numbers_range typo_required_key svg_logo_image svg_logo_use_bomb
  png_budget input_fifo
  batch_time_limit render_time_limit enospc_injected tmpfs_full readonly_folder low_memory
  batch_interrupt_figures batch_interrupt_group resume_after_kill two_batches
  fsync_injected batch_kill_group)
foreach(c ${GP_HOSTILE_CASES})
  add_test(NAME hostile.${c}
           COMMAND ${GP_TESTS_DIR}/hostile/run.sh $<TARGET_FILE:guidepress> ${c})
  set_tests_properties(hostile.${c} PROPERTIES LABELS hostile TIMEOUT 120)
endforeach()
# the batch's fsync overlap (issue 14, point 5) is checked by these
# (labelled batch too; with the batch tests' LeakSanitizer suppressions
# for fontconfig, so `ctest -L batch` passes in the sanitizer build)
set_tests_properties(hostile.fsync_injected hostile.batch_kill_group PROPERTIES
  LABELS "hostile;batch" ENVIRONMENT
  "LSAN_OPTIONS=suppressions=${GP_TESTS_DIR}/batch/lsan.supp:print_suppressions=0")
