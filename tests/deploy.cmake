# Scale-out as documented (issue 19): shards, report merge, deploy/ in step
# with docs/batch.md.
add_test(NAME deploy_shards COMMAND ${GP_TESTS_DIR}/deploy/shards.sh $<TARGET_FILE:guidepress> ${GP_SOURCE_DIR})
set_tests_properties(deploy_shards PROPERTIES LABELS deploy TIMEOUT 600)
# The container image: deploy/build-image.sh builds deploy/Containerfile from
# this tree's .deb and the image renders guides and a Kubernetes shard. Skips
# (77) without podman, a base image or a container runtime that starts here.
add_test(NAME deploy_image COMMAND ${GP_TESTS_DIR}/deploy/image.sh ${CMAKE_BINARY_DIR} ${GP_SOURCE_DIR}
                                   $<TARGET_FILE:guidepress>)
set_tests_properties(deploy_image PROPERTIES LABELS "deploy;no-asan" TIMEOUT 900 SKIP_RETURN_CODE 77
                                             RESOURCE_LOCK podman)
