# Scale-out as documented (issue 19): shards, report merge, deploy/ in step
# with docs/batch.md.
add_test(NAME deploy_shards COMMAND ${GP_TESTS_DIR}/deploy/shards.sh $<TARGET_FILE:guidepress> ${GP_SOURCE_DIR})
set_tests_properties(deploy_shards PROPERTIES LABELS deploy TIMEOUT 600)
